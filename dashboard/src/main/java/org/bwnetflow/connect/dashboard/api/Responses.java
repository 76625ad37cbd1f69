package org.bwnetflow.connect.dashboard.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Writes answers: JSON bodies, JSON errors, redirects; never cached (the data is per login). Headers: {@link SecurityHeaders}. */
final class Responses {

    static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, Map.of("error", message));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType + (contentType.startsWith("text/")
                || contentType.equals("application/json") ? "; charset=utf-8" : ""));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** 429 or 503 with Retry-After: try again after {@code seconds}. */
    static void retryAfter(HttpExchange exchange, int status, long seconds, String message) throws IOException {
        exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
        error(exchange, status, message);
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        send(exchange, 303, "text/plain", "see ".concat(location).getBytes(StandardCharsets.UTF_8));
    }
}
