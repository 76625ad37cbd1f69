package org.bwnetflow.connect.dashboard.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The page and its files, from the classpath: {@code /static/...} of this module, and
 * {@code /webjars/...} of the chart library's WebJar (vendored at build time, no CDN). The page
 * pages themselves ask for a login: {@code /} and {@code /explore.html} without a session go to
 * {@code /login.html}.
 */
final class StaticHandler implements HttpHandler {

    private static final Map<String, String> TYPES = Map.of("html", "text/html", "js", "text/javascript",
            "css", "text/css", "png", "image/png", "svg", "image/svg+xml", "ico", "image/x-icon");

    private final Authenticator authenticator;

    StaticHandler(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/") || path.equals("/index.html") || path.equals("/explore.html")) {
                try {
                    if (authenticator.principal(exchange).isEmpty()) {
                        Responses.redirect(exchange, "/login.html");
                        return;
                    }
                } catch (Authenticator.TooManyLogins e) {
                    Responses.retryAfter(exchange, 429, e.seconds(), e.getMessage());
                    return;
                }
                path = path.equals("/") ? "/index.html" : path;
            }
            if (path.contains("..") || !path.matches("/[A-Za-z0-9._/-]+")) {
                Responses.error(exchange, 404, "not found");
                return;
            }
            String resource = path.startsWith("/webjars/") ? "/META-INF/resources" + path : "/static" + path;
            try (InputStream in = StaticHandler.class.getResourceAsStream(resource)) {
                if (in == null) {
                    Responses.error(exchange, 404, "not found: " + path);
                    return;
                }
                String extension = path.substring(path.lastIndexOf('.') + 1);
                Responses.send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"),
                        in.readAllBytes());
            }
        }
    }
}
