package org.bwnetflow.connect.it;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bwnetflow.connect.bgp.speaker.MitigationRoute;

/**
 * Asks FRR every 100 ms, in a thread of its own, whether it holds a route, and counts the answers: a test's main
 * thread can meanwhile kill workers and wait on REST calls of any length without leaving gaps in the watch.
 */
final class RouteWatch implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 100;

    private final FrrBgpd frr;
    private final MitigationRoute route;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicLong firstMiss = new AtomicLong();
    private final long started = System.currentTimeMillis();
    private volatile long stopped;
    private final Thread thread;

    private RouteWatch(FrrBgpd frr, MitigationRoute route) {
        this.frr = frr;
        this.route = route;
        this.thread = new Thread(this::watch, "route-watch " + route.key());
    }

    static RouteWatch start(FrrBgpd frr, MitigationRoute route) {
        RouteWatch watch = new RouteWatch(frr, route);
        watch.thread.setDaemon(true);
        watch.thread.start();
        return watch;
    }

    private void watch() {
        long next = System.currentTimeMillis();
        while (running.get()) {
            checks.incrementAndGet();
            if (!BgpPeering.present(frr, route)) {
                misses.incrementAndGet();
                firstMiss.compareAndSet(0, System.currentTimeMillis());
            }
            next += INTERVAL_MILLIS; // at a fixed rate: the time FRR takes to answer is no gap between checks
            try {
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops watching; the checks made so far stay readable. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
        stopped = System.currentTimeMillis();
    }

    int checks() {
        return checks.get();
    }

    int misses() {
        return misses.get();
    }

    /** The first check that did not find the route, in milliseconds after the watch began; -1 for none. */
    long firstMissAfterMillis() {
        long at = firstMiss.get();
        return at == 0 ? -1 : at - started;
    }

    /** How long it watched (until now while it still does). */
    long watchedMillis() {
        return (stopped == 0 ? System.currentTimeMillis() : stopped) - started;
    }
}
