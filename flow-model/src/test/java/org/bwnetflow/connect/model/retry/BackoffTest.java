package org.bwnetflow.connect.model.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static List<Long> delays(Backoff backoff) {
        List<Long> delays = new ArrayList<>();
        while (!backoff.exhausted()) {
            delays.add(backoff.next());
        }
        return delays;
    }

    @Test
    void doublesUpToTheMaximumWithTheFullDelayAtTheTopOfTheJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 6, () -> 1.0);

        assertThat(delays(backoff)).containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
        assertThat(backoff.attempts()).isEqualTo(6);
    }

    @Test
    void jitterNeverGoesBelowHalfTheDelay() {
        Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 5, () -> 0.0);
        Backoff middle = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 5, () -> 0.5);

        assertThat(delays(low)).containsExactly(50L, 100L, 200L, 400L, 500L);
        assertThat(delays(middle)).containsExactly(75L, 150L, 300L, 600L, 750L);
    }

    @Test
    void staysBoundedAfterManyAttemptsWithoutOverflow() {
        Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofMinutes(5), 200, () -> 0.999_999);

        List<Long> delays = delays(backoff);

        assertThat(delays).hasSize(200).allSatisfy(d -> assertThat(d).isBetween(0L, 300_000L));
        assertThat(delays.get(199)).isBetween(299_000L, 300_000L);
    }

    @Test
    void exhaustedAfterMaxAttemptsUntilReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 2, () -> 1.0);
        backoff.next();
        backoff.next();

        assertThat(backoff.exhausted()).isTrue();
        assertThatThrownBy(backoff::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("2 attempts");

        backoff.reset();
        assertThat(backoff.exhausted()).isFalse();
        assertThat(backoff.next()).isEqualTo(100L);
    }

    @Test
    void zeroAttemptsMeansNoRetry() {
        assertThat(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 0).exhausted()).isTrue();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
