package org.bwnetflow.connect.dashboard.auth;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Password checks (210,000 rounds of PBKDF2 each) run at most one per core at a time, so that
 * they never take every request thread and core, and in an order that keeps real users ahead of
 * a flood of guesses: one slot is kept for {@link Priority#KNOWN} clients (an address that logged
 * in before); {@link Priority#NEW} ones wait for a shared slot, first come first served, up to
 * {@code waitMillis}; a {@link Priority#SUSPECT} (recent failures) gets a shared slot only if one
 * is free at once and nobody waits for it, so it never holds a thread waiting. A flood of wrong
 * passwords then delays a known client's login by at most the check running in its slot.
 */
final class PasswordCheckSlots {

    /** Whose check: an address that logged in before, one without history, one that failed lately. */
    enum Priority { KNOWN, NEW, SUSPECT }

    private final Semaphore known = new Semaphore(1, true);
    private final Semaphore shared;
    private final long waitMillis;

    /** {@code slots}: how many checks at once (the cores), at least 2: one for known clients, the rest shared. */
    PasswordCheckSlots(int slots, long waitMillis) {
        this.shared = new Semaphore(Math.max(1, slots - 1), true);
        this.waitMillis = waitMillis;
    }

    /** The check's result, or empty when no slot was free in time. */
    <T> Optional<T> run(Priority priority, Supplier<T> check) {
        Semaphore slot;
        try {
            slot = take(priority);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        if (slot == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(check.get());
        } finally {
            slot.release();
        }
    }

    /** The slot taken, or null. The timed tryAcquire of a fair semaphore never overtakes a waiting thread. */
    private Semaphore take(Priority priority) throws InterruptedException {
        switch (priority) {
            case KNOWN:
                if (known.tryAcquire(0, TimeUnit.MILLISECONDS)) {
                    return known;
                }
                if (shared.tryAcquire(0, TimeUnit.MILLISECONDS)) {
                    return shared;
                }
                return known.tryAcquire(waitMillis, TimeUnit.MILLISECONDS) ? known : null;
            case NEW:
                return shared.tryAcquire(waitMillis, TimeUnit.MILLISECONDS) ? shared : null;
            default:
                return shared.tryAcquire(0, TimeUnit.MILLISECONDS) ? shared : null;
        }
    }
}
