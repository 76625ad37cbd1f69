package org.bwnetflow.connect.dashboard.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Logged-in browsers: a random token (the session cookie) per login, kept only as its SHA-256.
 * A session ends when unused for {@code idleMillis}, {@code lifetimeMillis} after the login at
 * the latest, at logout, or when its user's line in the users file changes (checked by
 * {@link Logins}). Bounded: at most {@value #MAX_PER_USER} per user (a new login ends that
 * user's least recently used one) and {@value #MAX_SESSIONS} in all (then the least recently
 * used of anyone's ends), so no number of logins grows the map.
 */
public final class Sessions {

    static final int MAX_SESSIONS = 10_000;
    static final int MAX_PER_USER = 20;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A login: who, the users-file hash it was made with, when it was last used and when it ends at the latest. */
    record Session(Principal principal, String storedHash, long lastUsedMillis, long endsAtMillis) {
    }

    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(64, 0.75f, true);
    private final long idleMillis;
    private final long lifetimeMillis;
    private final LongSupplier clock;

    public Sessions(long idleMillis, long lifetimeMillis, LongSupplier clock) {
        this.idleMillis = idleMillis;
        this.lifetimeMillis = lifetimeMillis;
        this.clock = clock;
    }

    public long lifetimeMillis() {
        return lifetimeMillis;
    }

    /** Opens a session; its token (for the cookie). */
    String open(Principal principal, String storedHash) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        long now = clock.getAsLong();
        synchronized (this) {
            makeRoomFor(principal.user(), now);
            sessions.put(digest(token), new Session(principal, storedHash, now, now + lifetimeMillis));
        }
        return token;
    }

    /** The live session of a token (and marks it used), or empty. */
    synchronized Optional<Session> find(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String key = digest(token);
        Session session = sessions.get(key);
        long now = clock.getAsLong();
        if (session == null || !live(session, now)) {
            sessions.remove(key);
            return Optional.empty();
        }
        Session used = new Session(session.principal(), session.storedHash(), now, session.endsAtMillis());
        sessions.put(key, used);
        return Optional.of(used);
    }

    synchronized void close(String token) {
        if (token != null) {
            sessions.remove(digest(token));
        }
    }

    synchronized int size() {
        return sessions.size();
    }

    private boolean live(Session session, long now) {
        return now - session.lastUsedMillis() < idleMillis && now < session.endsAtMillis();
    }

    /** Ends the user's least recently used session if it has the most, then anyone's if there are the most. */
    private void makeRoomFor(String user, long now) {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> !live(s, now));
        }
        String usersEldest = null;
        int usersSessions = 0;
        for (Map.Entry<String, Session> entry : sessions.entrySet()) { // least recently used first
            if (entry.getValue().principal().user().equals(user)) {
                usersSessions++;
                usersEldest = usersEldest == null ? entry.getKey() : usersEldest;
            }
        }
        if (usersSessions >= MAX_PER_USER) {
            sessions.remove(usersEldest);
        }
        if (sessions.size() >= MAX_SESSIONS) {
            Iterator<String> eldest = sessions.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    private static String digest(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
