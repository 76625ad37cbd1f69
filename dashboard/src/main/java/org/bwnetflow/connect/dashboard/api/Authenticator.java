package org.bwnetflow.connect.dashboard.api;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.bwnetflow.connect.dashboard.auth.Logins;
import org.bwnetflow.connect.dashboard.auth.Principal;

/**
 * Who sent a request: the session cookie of a logged-in browser, or HTTP Basic credentials
 * (scripts), checked by {@link Logins} (throttled, and cached once verified).
 */
final class Authenticator {

    static final String COOKIE = "bwnf_session";

    private final Logins logins;

    Authenticator(Logins logins) {
        this.logins = logins;
    }

    /**
     * The sender, or empty (401).
     *
     * @throws TooManyLogins when Basic credentials were not checked: the client or user must wait (429)
     */
    Optional<Principal> principal(HttpExchange exchange) {
        Optional<Principal> session = logins.session(sessionToken(exchange));
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
        if (colon < 0) {
            return Optional.empty();
        }
        Logins.Outcome outcome = logins.attempt(exchange.getRemoteAddress().getAddress(), decoded.substring(0, colon),
                decoded.substring(colon + 1).toCharArray(), true);
        if (outcome instanceof Logins.Wait wait) {
            throw new TooManyLogins(wait.seconds());
        }
        return outcome instanceof Logins.Granted granted ? Optional.of(granted.principal()) : Optional.empty();
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

    /** Credentials not checked: the client or the user failed too often lately; retry after {@code seconds}. */
    static final class TooManyLogins extends RuntimeException {

        private final long seconds;

        TooManyLogins(long seconds) {
            super("too many logins lately; try again in " + seconds + " s", null, false, false);
            this.seconds = seconds;
        }

        long seconds() {
            return seconds;
        }
    }
}
