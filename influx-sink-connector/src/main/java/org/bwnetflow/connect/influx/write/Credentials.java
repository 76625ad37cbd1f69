package org.bwnetflow.connect.influx.write;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import com.influxdb.client.InfluxDBClientOptions;
import okhttp3.OkHttpClient;
import org.apache.kafka.common.config.types.Password;

/**
 * How the writer logs in to the database: not at all, with an API token
 * ({@code Authorization: Token ...}: InfluxDB 2/3, {@code influx.token}), or with a user and
 * password ({@code Authorization: Basic ...}: QuestDB's {@code http.user}/{@code http.password},
 * InfluxDB 1.x, a proxy in front of the database; {@code influx.username} and
 * {@code influx.password}). The secret goes into the request header only; {@link #toString()}
 * hides it and {@link #secrets()} lists what a message must never show.
 */
public final class Credentials {

    private enum Scheme { NONE, TOKEN, BASIC }

    private static final Credentials NONE = new Credentials(Scheme.NONE, "", new Password(""));

    private final Scheme scheme;
    private final String user;
    private final Password secret;

    private Credentials(Scheme scheme, String user, Password secret) {
        this.scheme = scheme;
        this.user = user;
        this.secret = secret;
    }

    /** No Authorization header (a database without authentication, e.g. VictoriaMetrics by default). */
    public static Credentials none() {
        return NONE;
    }

    /** {@code Authorization: Token <token>}; an empty token means {@link #none()}. */
    public static Credentials token(Password token) {
        return token == null || token.value().isEmpty() ? NONE : new Credentials(Scheme.TOKEN, "", token);
    }

    /** {@code Authorization: Basic base64(user:password)}. */
    public static Credentials basic(String user, Password password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            // RFC 7617: the user-id of Basic authentication cannot contain a colon.
            throw new IllegalArgumentException("a user name for HTTP Basic is not empty and has no ':'");
        }
        return new Credentials(Scheme.BASIC, user, password);
    }

    /** Sets up the client: the token through influxdb-client-java, a Basic header through OkHttp. */
    void applyTo(InfluxDBClientOptions.Builder options, OkHttpClient.Builder http) {
        switch (scheme) {
            case TOKEN -> options.authenticateToken(secret.value().toCharArray());
            case BASIC -> {
                // influxdb-client-java's own username/password login is InfluxDB 2's session sign-in (POST
                // /api/v2/signin), which QuestDB does not have: the header is set on every request instead.
                String header = basicHeader();
                http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder()
                        .header("Authorization", header).build()));
            }
            case NONE -> {
                // no header
            }
        }
    }

    private String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret.value())
                .getBytes(StandardCharsets.UTF_8));
    }

    /** What a message may never contain: the token or password, and the Basic header's encoded form. */
    List<String> secrets() {
        return switch (scheme) {
            case NONE -> List.of();
            case TOKEN -> List.of(secret.value());
            case BASIC -> secret.value().isEmpty() ? List.of() : List.of(secret.value(), basicHeader().substring(6));
        };
    }

    /** Advice for a 401: which config keys to check. */
    String whenRefused() {
        return switch (scheme) {
            case NONE -> "the server requires a login: set influx.token (InfluxDB 2/3) or influx.username and "
                    + "influx.password (HTTP Basic, e.g. QuestDB's http.user and http.password)";
            case TOKEN -> "the server did not accept the token: check influx.token (QuestDB open source takes "
                    + "influx.username and influx.password instead)";
            case BASIC -> "the server did not accept the user and password: check influx.username and influx.password";
        };
    }

    /** Who writes, for a 403: "the token", "user 'x'". */
    String subject() {
        return switch (scheme) {
            case NONE -> "a client without login";
            case TOKEN -> "the token";
            case BASIC -> "user '" + user + "'";
        };
    }

    /** The config key(s) that decide who writes. */
    String keys() {
        return switch (scheme) {
            case NONE -> "influx.token or influx.username";
            case TOKEN -> "influx.token";
            case BASIC -> "influx.username";
        };
    }

    @Override
    public String toString() {
        return switch (scheme) {
            case NONE -> "no login";
            case TOKEN -> "token=[hidden]";
            case BASIC -> "user=" + user + ", password=[hidden]";
        };
    }
}
