package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client for the Kafka Connect REST API (java.net.http + Jackson). Every non-2xx answer
 * becomes a {@link ConnectRestException} carrying the HTTP status and the response body; an
 * unreachable worker becomes an {@link UncheckedIOException}. With a {@link RestLogin} it sends
 * HTTP Basic credentials on every request (they appear in no message). Thread-safe.
 */
public final class ConnectRestClient {

    private static final Logger log = LoggerFactory.getLogger(ConnectRestClient.class);

    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUrl;
    private final Duration requestTimeout;
    /** Null: the worker requires no login. */
    private final RestLogin login;
    private final HttpClient http;

    public ConnectRestClient(URI baseUrl) {
        this(baseUrl, DEFAULT_REQUEST_TIMEOUT, null);
    }

    public ConnectRestClient(URI baseUrl, Duration requestTimeout) {
        this(baseUrl, requestTimeout, null);
    }

    /** A client that logs in with {@code login} (HTTP Basic; null: none) on every request. */
    public ConnectRestClient(URI baseUrl, RestLogin login) {
        this(baseUrl, DEFAULT_REQUEST_TIMEOUT, login);
    }

    public ConnectRestClient(URI baseUrl, Duration requestTimeout, RestLogin login) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        this.baseUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.login = login;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code GET /}: version, commit and Kafka cluster id of the worker. */
    public JsonNode serverInfo() {
        return send("GET", "/", null);
    }

    /** {@code GET pathAndQuery} (e.g. {@code /connectors?expand=info}), for what has no method of its own. */
    public JsonNode get(String pathAndQuery) {
        return send("GET", pathAndQuery, null);
    }

    /** {@code GET /connectors}. */
    public List<String> listConnectors() {
        List<String> names = new ArrayList<>();
        send("GET", "/connectors", null).forEach(node -> names.add(node.asText()));
        return names;
    }

    /** {@code PUT /connectors/{name}/config}: creates the connector or replaces its config. */
    public JsonNode createOrReplaceConnector(String name, Map<String, String> config) {
        Objects.requireNonNull(config, "config");
        log.info("Submitting connector {}", name);
        return send("PUT", "/connectors/" + segment(name) + "/config", config);
    }

    /**
     * {@code PUT /connector-plugins/{class}/config/validate}. Adds {@code connector.class} to the
     * body if missing (Connect requires it there too).
     *
     * @return the parsed answer: {@code name}, {@code error_count}, {@code configs[]}
     */
    public JsonNode validate(String connectorClass, Map<String, String> config) {
        Objects.requireNonNull(connectorClass, "connectorClass");
        Map<String, String> body = new LinkedHashMap<>(config);
        body.putIfAbsent("connector.class", connectorClass);
        return send("PUT", "/connector-plugins/" + segment(connectorClass) + "/config/validate", body);
    }

    /** {@code GET /connectors/{name}/status}. */
    public ConnectorStatus connectorStatus(String name) {
        return ConnectorStatus.fromJson(send("GET", "/connectors/" + segment(name) + "/status", null));
    }

    /**
     * Waits until the connector and all its tasks (at least one) are RUNNING.
     *
     * @throws StackException at once when the connector or a task FAILED (with the trace), or
     *                        when {@code timeout} passes (with the last status seen)
     */
    public ConnectorStatus awaitRunning(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no status yet";
        while (true) {
            try {
                ConnectorStatus status = connectorStatus(name);
                if (status.isRunning()) {
                    return status;
                }
                if (status.failure().isPresent()) {
                    throw new StackException(status.failure().get());
                }
                last = status.summary();
            } catch (ConnectRestException e) {
                // 404 until the worker has read the new config from Kafka.
                if (e.status() != 404) {
                    throw e;
                }
                last = "HTTP 404: " + e.body();
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("Connector " + name + " not RUNNING within " + timeout.toSeconds()
                        + " s; last status: " + last);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for connector " + name, e);
            }
        }
    }

    /** {@code POST /connectors/{name}/restart?includeTasks=…&onlyFailed=…}. */
    public void restartConnector(String name, boolean includeTasks, boolean onlyFailed) {
        send("POST", "/connectors/" + segment(name) + "/restart?includeTasks=" + includeTasks
                + "&onlyFailed=" + onlyFailed, null);
    }

    /**
     * {@code DELETE /connectors/{name}}.
     *
     * @return false if there was no such connector
     */
    public boolean deleteConnector(String name) {
        try {
            send("DELETE", "/connectors/" + segment(name), null);
            return true;
        } catch (ConnectRestException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** {@code GET /connectors/{name}/offsets}: every source partition and its committed offset. */
    public JsonNode connectorOffsets(String name) {
        return send("GET", "/connectors/" + segment(name) + "/offsets", null);
    }

    /** {@code GET /connector-plugins?connectorsOnly=false}: connectors, transforms, predicates, converters. */
    public List<PluginInfo> connectorPlugins() {
        List<PluginInfo> plugins = new ArrayList<>();
        send("GET", "/connector-plugins?connectorsOnly=false", null).forEach(node -> plugins.add(PluginInfo.fromJson(node)));
        return plugins;
    }

    private JsonNode send(String method, String pathAndQuery, Object body) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json");
        if (login != null) {
            request.header("Authorization", login.authorizationHeader());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(toJson(body), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(method + " " + uri + " interrupted",
                    new InterruptedIOException(e.getMessage()));
        }
        if (response.statusCode() / 100 != 2) {
            throw new ConnectRestException(method, uri, response.statusCode(), response.body());
        }
        return parse(method, uri, response.body());
    }

    private static JsonNode parse(String method, URI uri, String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(method + " " + uri + " returned a body that is not JSON: " + body, e);
        }
    }

    private static String toJson(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise request body", e);
        }
    }

    /** Percent-encodes one path segment (connector names and plugin classes may hold '$', ' ', '/'). */
    static String segment(String value) {
        Objects.requireNonNull(value, "path segment");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("empty path segment");
        }
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** RFC 3986 unreserved characters: letters, digits and - . _ ~ travel as they are. */
    private static boolean isUnreserved(int c) {
        return Character.isLetterOrDigit(c) && c < 0x80 || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
