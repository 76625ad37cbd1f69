package org.bwnetflow.connect.dashboard.api;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bwnetflow.connect.dashboard.auth.Principal;
import org.bwnetflow.connect.dashboard.auth.Sessions;
import org.bwnetflow.connect.dashboard.auth.UsersFile;

/** Who sent a request: the session cookie of a logged-in browser, or HTTP Basic credentials (scripts). */
final class Authenticator {

    static final String COOKIE = "bwnf_session";

    private final UsersFile users;
    private final Sessions sessions;

    Authenticator(UsersFile users, Sessions sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    Optional<Principal> principal(HttpExchange exchange) {
        Optional<Principal> session = sessions.find(sessionToken(exchange));
        if (session.isPresent()) {
            return session;
        }
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty()
                : users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray());
    }

    static String sessionToken(HttpExchange exchange) {
        List<String> cookies = exchange.getRequestHeaders().get("Cookie");
        if (cookies == null) {
            return null;
        }
        for (String header : cookies) {
            for (String cookie : header.split(";")) {
                String c = cookie.strip();
                if (c.startsWith(COOKIE + "=")) {
                    return c.substring(COOKIE.length() + 1);
                }
            }
        }
        return null;
    }
}
