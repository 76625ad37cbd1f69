package org.bwnetflow.connect.dashboard.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in browsers: a random token (the session cookie) per login, forgotten after {@code ttlMillis}. */
public final class Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SESSIONS = 10_000;

    private record Session(Principal principal, long expiresAtMillis) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final long ttlMillis;

    public Sessions(long ttlMillis) {
        this.ttlMillis = ttlMillis;
    }

    public String open(Principal principal) {
        long now = System.currentTimeMillis();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> s.expiresAtMillis() <= now);
        }
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        sessions.put(id, new Session(principal, now + ttlMillis));
        return id;
    }

    public Optional<Principal> find(String token) {
        Session session = token == null ? null : sessions.get(token);
        if (session == null) {
            return Optional.empty();
        }
        if (session.expiresAtMillis() <= System.currentTimeMillis()) {
            sessions.remove(token);
            return Optional.empty();
        }
        return Optional.of(session.principal());
    }

    public void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }
}
