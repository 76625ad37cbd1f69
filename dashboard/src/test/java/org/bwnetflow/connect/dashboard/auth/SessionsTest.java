package org.bwnetflow.connect.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private static final long IDLE = 30 * 60_000L;
    private static final long LIFETIME = 8 * 3600_000L;
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Sessions sessions = new Sessions(IDLE, LIFETIME, now::get);

    /** Probe: sessions were not bounded (past 10,000 they kept growing). */
    @Test
    void sessionsAreBounded() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10_100; i++) {
            tokens.add(sessions.open(new Principal("user-" + i, 1000L + i), "hash"));
        }
        long alive = tokens.stream().filter(t -> sessions.find(t).isPresent()).count();
        System.out.println("sessions alive after 10,100 logins: " + alive);
        assertThat(alive).isEqualTo(Sessions.MAX_SESSIONS);
        assertThat(sessions.size()).isEqualTo(Sessions.MAX_SESSIONS);
        assertThat(sessions.find(tokens.get(0))).as("the least recently used ended").isEmpty();
        assertThat(sessions.find(tokens.get(tokens.size() - 1))).as("the newest").isPresent();
    }

    @Test
    void aSessionEndsWhenUnusedForTheIdleTimeAndAfterItsLifetimeAtTheLatest() {
        String used = sessions.open(new Principal("noc", null), "hash");
        String unused = sessions.open(new Principal("acme", 1000L), "hash");
        for (long t = 0; t < LIFETIME - IDLE; t += IDLE / 2) {
            now.addAndGet(IDLE / 2);
            assertThat(sessions.find(used)).as("used every 15 minutes, at " + t).isPresent();
        }
        assertThat(sessions.find(unused)).as("unused for hours").isEmpty();
        now.set(1_000_000 + LIFETIME);
        assertThat(sessions.find(used)).as("8 hours after the login").isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aUserHasAtMostTwentySessionsTheLeastRecentlyUsedEnds() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < Sessions.MAX_PER_USER + 3; i++) {
            tokens.add(sessions.open(new Principal("acme", 1000L), "hash"));
            now.incrementAndGet();
        }
        String other = sessions.open(new Principal("noc", null), "hash");
        assertThat(tokens.subList(0, 3)).allMatch(t -> sessions.find(t).isEmpty());
        assertThat(tokens.subList(3, tokens.size())).allMatch(t -> sessions.find(t).isPresent());
        assertThat(sessions.find(other)).isPresent();
    }

    @Test
    void logoutEndsASessionAndAGuessedTokenFindsNothing() {
        String token = sessions.open(new Principal("noc", null), "hash");
        assertThat(sessions.find(token.substring(1) + "A")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        sessions.close(token);
        assertThat(sessions.find(token)).isEmpty();
    }
}
