package org.bwnetflow.connect.rawflows.write;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bwnetflow.connect.rawflows.encode.LineBuffer;

/**
 * QuestDB's HTTP endpoints the sink uses, with its login: {@code POST /write} (line protocol; QuestDB
 * takes a request whole or not at all, one transaction per table, and answers 204, or 400 with the
 * first bad line's number) and {@code GET /exec} (the table's DDL). Failures are classified for the
 * caller ({@link WriteFailure.Kind}); messages name the URL and the user, never the password.
 */
public final class QuestDbHttp {

    /** {@code "line":N} in QuestDB's 400 answer: the first line it refused, from 1. */
    private static final Pattern LINE = Pattern.compile("\"line\"\\s*:\\s*(\\d{1,9})");
    private static final int MAX_BODY_IN_MESSAGE = 400;

    private final String baseUrl;
    private final String user;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient client;
    private final URI writeUri;

    /**
     * @param user empty for a QuestDB without a login
     * @param password used for the Authorization header only
     */
    public QuestDbHttp(String baseUrl, String user, String password, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.user = user;
        this.authorization = user.isEmpty() ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.writeUri = URI.create(this.baseUrl + "/write?precision=ms");
    }

    public String url() {
        return baseUrl;
    }

    /** Writes the buffer's lines in one request. */
    public void write(LineBuffer lines) throws WriteFailure {
        HttpRequest request = request(writeUri).header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(lines.array(), 0, lines.size())).build();
        HttpResponse<String> response = send(request, "writing " + lines.lines() + " rows");
        int status = response.statusCode();
        if (status == 204 || status == 200) {
            return;
        }
        throw failure(status, response.body(), "writing " + lines.lines() + " rows");
    }

    /** Runs one SQL statement (DDL); fails with QuestDB's error text. */
    public void exec(String sql) throws WriteFailure {
        URI uri = URI.create(baseUrl + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        HttpResponse<String> response = send(request(uri).GET().build(), "running '" + sql + "'");
        String body = response.body();
        if (response.statusCode() == 200 && !body.contains("\"error\"")) {
            return;
        }
        WriteFailure failure = failure(response.statusCode(), body, "running '" + sql + "'");
        if (failure.kind() == WriteFailure.Kind.REFUSED_LINE) {
            throw new WriteFailure(WriteFailure.Kind.FATAL, failure.status(), -1, failure.getMessage(), null);
        }
        throw failure;
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request, String what) throws WriteFailure {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new WriteFailure(WriteFailure.Kind.RETRIABLE, 0, -1, "QuestDB at " + baseUrl + " did not answer "
                    + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteFailure(WriteFailure.Kind.RETRIABLE, 0, -1, "interrupted while " + what, e);
        }
    }

    private WriteFailure failure(int status, String body, String what) {
        String answer = body == null ? "" : body.length() > MAX_BODY_IN_MESSAGE
                ? body.substring(0, MAX_BODY_IN_MESSAGE) + "..." : body;
        if (status == 401 || status == 403) {
            return new WriteFailure(WriteFailure.Kind.LOGIN, status, -1, "QuestDB at " + baseUrl + " refused "
                    + (user.isEmpty() ? "a request without a login" : "the login of user '" + user + "'") + " (HTTP "
                    + status + ") " + what + ": check questdb.username and questdb.password", null);
        }
        if (status >= 500 || status == 429 || status == 408) {
            return new WriteFailure(WriteFailure.Kind.RETRIABLE, status, -1, "QuestDB at " + baseUrl + " answered "
                    + status + " " + what + ": " + answer, null);
        }
        Matcher line = LINE.matcher(answer);
        if (status == 400 && line.find()) {
            return new WriteFailure(WriteFailure.Kind.REFUSED_LINE, status, Integer.parseInt(line.group(1)) - 1,
                    "QuestDB at " + baseUrl + " refused a line " + what + ": " + answer, null);
        }
        return new WriteFailure(WriteFailure.Kind.FATAL, status, -1, "QuestDB at " + baseUrl + " answered " + status
                + " " + what + ": " + answer, null);
    }
}
