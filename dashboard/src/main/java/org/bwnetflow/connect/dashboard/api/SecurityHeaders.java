package org.bwnetflow.connect.dashboard.api;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * The headers every answer carries, set before any handler writes: the pages may load scripts,
 * styles, images and data from the dashboard itself only (the chart library is served from its
 * own jar; no inline script, no eval), may not be framed (clickjacking), are not sniffed into
 * another type, send no referrer, and share no window or resource with other origins. Over TLS,
 * browsers are told to come back over TLS only (HSTS).
 */
final class SecurityHeaders extends Filter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final boolean tls;

    SecurityHeaders(boolean tls) {
        this.tls = tls;
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
        if (tls) {
            headers.set("Strict-Transport-Security", "max-age=31536000");
        }
        chain.doFilter(exchange);
    }

    @Override
    public String description() {
        return "security headers";
    }
}
