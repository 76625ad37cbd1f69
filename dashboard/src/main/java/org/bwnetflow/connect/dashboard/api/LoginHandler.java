package org.bwnetflow.connect.dashboard.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bwnetflow.connect.dashboard.auth.Logins;

/**
 * {@code POST /auth/login} (form fields user, password) opens a session and sets its cookie
 * (HttpOnly, SameSite=Strict, Secure over TLS); {@code POST /auth/logout} closes it. Both answer
 * with a redirect; a login the {@link Logins} throttle holds back is a 429 page with Retry-After.
 */
final class LoginHandler implements HttpHandler {

    private static final int MAX_FORM_BYTES = 4096;

    private final Logins logins;
    private final boolean secureCookie;

    LoginHandler(Logins logins, boolean secureCookie) {
        this.logins = logins;
        this.secureCookie = secureCookie;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                Responses.error(exchange, 405, "only POST");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/auth/logout")) {
                logins.closeSession(Authenticator.sessionToken(exchange));
                exchange.getResponseHeaders().add("Set-Cookie", cookie("", 0));
                Responses.redirect(exchange, "/login.html");
            } else if (path.equals("/auth/login")) {
                login(exchange);
            } else {
                Responses.error(exchange, 404, "not found");
            }
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES);
        QueryParams form = new QueryParams(new String(body, StandardCharsets.UTF_8));
        String user = form.get("user");
        String password = form.get("password");
        if (user == null || password == null) {
            Responses.redirect(exchange, "/login.html?failed");
            return;
        }
        Logins.Outcome outcome = logins.attempt(exchange.getRemoteAddress().getAddress(), user, password.toCharArray(),
                false);
        if (outcome instanceof Logins.Granted granted) {
            String token = logins.openSession(granted.principal());
            exchange.getResponseHeaders().add("Set-Cookie", cookie(token, logins.sessionLifetimeSeconds()));
            Responses.redirect(exchange, "/");
        } else if (outcome instanceof Logins.Wait wait) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(wait.seconds()));
            Responses.send(exchange, 429, "text/html", ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<title>bwNetFlow dashboard</title><link rel=\"stylesheet\" href=\"/dashboard.css\"></head>"
                    + "<body class=\"login\"><p>Too many failed logins: try again in " + wait.seconds() + " s.</p>"
                    + "<p><a href=\"/login.html\">Log in</a></p></body></html>").getBytes(StandardCharsets.UTF_8));
        } else {
            Responses.redirect(exchange, "/login.html?failed");
        }
    }

    private String cookie(String token, long maxAgeSeconds) {
        return Authenticator.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAgeSeconds
                + (secureCookie ? "; Secure" : "");
    }
}
