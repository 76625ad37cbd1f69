package org.bwnetflow.connect.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final CredentialCache cache = new CredentialCache(3, 60_000, now::get);
    private final Principal acme = new Principal("acme", 1000L);

    @Test
    void theRightPasswordMatchesAgainstTheSameStoredHashOnly() {
        cache.remember("acme", "pw".toCharArray(), "hash-1", acme);
        assertThat(cache.find("acme", "pw".toCharArray(), "hash-1")).contains(acme);
        assertThat(cache.find("acme", "pW".toCharArray(), "hash-1")).isEmpty();
        assertThat(cache.find("acme", "pw".toCharArray(), "hash-2")).as("the password changed in the file").isEmpty();
        assertThat(cache.find("acme", "pw".toCharArray(), "hash-1")).as("and the entry is gone").isEmpty();
    }

    @Test
    void entriesExpireAndAreBounded() {
        cache.remember("acme", "pw".toCharArray(), "h", acme);
        now.addAndGet(60_000);
        assertThat(cache.find("acme", "pw".toCharArray(), "h")).isEmpty();
        for (int i = 0; i < 10; i++) {
            cache.remember("user-" + i, "pw".toCharArray(), "h", new Principal("user-" + i, null));
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.find("user-9", "pw".toCharArray(), "h")).isPresent();
        assertThat(cache.find("user-0", "pw".toCharArray(), "h")).isEmpty();
    }
}
