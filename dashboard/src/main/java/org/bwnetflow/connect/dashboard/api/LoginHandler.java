package org.bwnetflow.connect.dashboard.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.bwnetflow.connect.dashboard.auth.Principal;
import org.bwnetflow.connect.dashboard.auth.Sessions;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /auth/login} (form fields user, password) opens a session and sets its cookie
 * (HttpOnly, SameSite=Strict); {@code POST /auth/logout} closes it. Both answer with a redirect.
 */
final class LoginHandler implements HttpHandler {

    private static final Logger log = LoggerFactory.getLogger(LoginHandler.class);
    private static final int MAX_FORM_BYTES = 4096;

    private final UsersFile users;
    private final Sessions sessions;
    private final Duration ttl;

    LoginHandler(UsersFile users, Sessions sessions, Duration ttl) {
        this.users = users;
        this.sessions = sessions;
        this.ttl = ttl;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                Responses.error(exchange, 405, "only POST");
                return;
            }
            if (exchange.getRequestURI().getPath().equals("/auth/logout")) {
                sessions.close(Authenticator.sessionToken(exchange));
                exchange.getResponseHeaders().add("Set-Cookie", Authenticator.COOKIE + "=; Path=/; Max-Age=0");
                Responses.redirect(exchange, "/login.html");
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/auth/login")) {
                Responses.error(exchange, 404, "not found");
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(MAX_FORM_BYTES);
            QueryParams form = new QueryParams(new String(body, StandardCharsets.UTF_8));
            String user = form.get("user");
            String password = form.get("password");
            Optional<Principal> principal = user == null || password == null ? Optional.empty()
                    : users.authenticate(user, password.toCharArray());
            if (principal.isEmpty()) {
                log.info("dashboard: failed login for user '{}'", user == null ? "" : user.replaceAll("[^\\w.@-]", "?"));
                Responses.redirect(exchange, "/login.html?failed");
                return;
            }
            String token = sessions.open(principal.get());
            exchange.getResponseHeaders().add("Set-Cookie", Authenticator.COOKIE + "=" + token
                    + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + ttl.toSeconds());
            Responses.redirect(exchange, "/");
        }
    }
}
