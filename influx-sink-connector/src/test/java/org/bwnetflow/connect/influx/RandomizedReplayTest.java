package org.bwnetflow.connect.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bwnetflow.connect.influx.testing.LineProtocolDatabase;
import org.bwnetflow.connect.influx.testing.LineProtocolDatabase.Semantics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many random runs of the sink (traffic in bursts, polls of random size, commits, crashes without
 * a commit, rebalances, pauses of the wall clock) over a database of each kind of rewrite
 * semantics. Throughout, the rows of every measurement in a window never add up to more than the
 * window's traffic (a top list whose host rows and 'other' row would count a host twice fails
 * here); in the end they add up to exactly the traffic. The seeds are fixed and printed.
 */
class RandomizedReplayTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final long WINDOW = 10_000;
    /** Runs per kind of database; more with -Dreplay.runs=N (the closing note of issue 21 ran 1,000). */
    private static final int RUNS = Integer.getInteger("replay.runs", 20);

    @ParameterizedTest
    @EnumSource(Semantics.class)
    void topListsAndTotalsAddUpAfterAnySequenceOfWritesRewritesCrashesAndReplays(Semantics semantics) {
        for (int run = 0; run < RUNS; run++) {
            long seed = 1000L * semantics.ordinal() + run;
            try {
                runOnce(seed, semantics);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + " (" + semantics + "): " + e.getMessage(), e);
            }
        }
        System.out.printf("%d random runs over %s: totals and top lists exact%n", RUNS, semantics);
    }

    private static void runOnce(long seed, Semantics semantics) {
        Random random = new Random(seed);
        AtomicLong clock = new AtomicLong(T0);
        LineProtocolDatabase database = new LineProtocolDatabase(semantics);
        SimulatedWorker worker = new SimulatedWorker(props(random, semantics), database, clock);
        List<JitteredTraffic> partitions = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int p = 0; p < count; p++) {
            partitions.add(new JitteredTraffic(seed * 31 + p, "flows-1000", p, 1000, T0, 20 + random.nextInt(200),
                    random.nextInt(8_000), 3 + random.nextInt(12)));
        }
        partitions.forEach(t -> worker.append(t.next()));
        worker.start();
        try {
            int steps = 200 + random.nextInt(400);
            for (int step = 0; step < steps; step++) {
                clock.addAndGet(random.nextInt(10) == 0 ? random.nextInt(30_000) : random.nextInt(400));
                produce(partitions, worker, clock.get() - random.nextInt(500));
                randomAction(random, worker);
                assertNeverMoreThanTheTraffic(database, partitions);
            }
            // The traffic goes on a little (so every segment of the run ends), then the partitions go quiet.
            long last = clock.get() + 30_000;
            while (clock.get() < last) {
                clock.addAndGet(200);
                produce(partitions, worker, clock.get());
                worker.poll(1_000);
            }
            for (int i = 0; i < 10; i++) {
                clock.addAndGet(10_000);
                worker.drain(1_000);
            }
            assertExact(database, partitions, clock.get() - 220_000, semantics != Semantics.FIRST_WRITE_WINS);
        } finally {
            worker.stop();
        }
    }

    private static Map<String, String> props(Random random, Semantics semantics) {
        Map<String, String> props = InfluxSinkContinuousTrafficTest.props();
        props.put(InfluxSinkConfig.WRITE_INTERVAL_MS, String.valueOf(1_000 * (1 + random.nextInt(10))));
        props.put("measurement.top_hosts.top.n", String.valueOf(1 + random.nextInt(4)));
        if (semantics == Semantics.FIRST_WRITE_WINS) {
            // Such a database must only ever see a point written again with the same values.
            props.put("write.open.windows", "false");
            props.put("write.open.segments", "false");
        }
        return props;
    }

    private static void produce(List<JitteredTraffic> partitions, SimulatedWorker worker, long until) {
        for (JitteredTraffic traffic : partitions) {
            while (traffic.timestamp() <= until) {
                worker.append(traffic.next());
            }
        }
    }

    private static void randomAction(Random random, SimulatedWorker worker) {
        int action = random.nextInt(100);
        if (action < 70) {
            worker.poll(1 + random.nextInt(300));
        } else if (action < 90) {
            worker.commit();
        } else if (action < 96) {
            worker.crash();
        } else {
            worker.rebalance();
        }
    }

    /**
     * Every measurement's rows add up to the traffic: top lists in the windows before {@code
     * closedBefore} (the last segment stays open on a quiet partition), totals in all windows when
     * open segments are written early, else also before {@code closedBefore}.
     */
    private static void assertExact(LineProtocolDatabase database, List<JitteredTraffic> partitions, long closedBefore,
                                    boolean openWritten) {
        assertNeverMoreThanTheTraffic(database, partitions);
        Map<Long, Long> truth = truth(partitions);
        Map<Long, Long> totals = bytesByWindow(database, "flows");
        if (openWritten) {
            assertThat(totals).as("flows totals").isEqualTo(truth);
        }
        Map<Long, Long> top = bytesByWindow(database, "top_hosts");
        truth.forEach((window, bytes) -> {
            if (window < closedBefore) {
                assertThat(totals.get(window)).as("flows rows of window %d", window).isEqualTo(bytes);
                assertThat(top.get(window)).as("top_hosts rows of window %d", window).isEqualTo(bytes);
            }
        });
    }

    private static void assertNeverMoreThanTheTraffic(LineProtocolDatabase database, List<JitteredTraffic> partitions) {
        Map<Long, Long> truth = truth(partitions);
        for (String measurement : List.of("flows", "top_hosts")) {
            bytesByWindow(database, measurement).forEach((window, bytes) -> assertThat(bytes)
                    .as("%s rows of window %d, traffic so far", measurement, window)
                    .isLessThanOrEqualTo(truth.getOrDefault(window, 0L)));
        }
    }

    private static Map<Long, Long> truth(List<JitteredTraffic> partitions) {
        Map<Long, Long> truth = new TreeMap<>();
        partitions.forEach(t -> t.truth(WINDOW).forEach((window, counts) -> truth.merge(window, counts[0], Long::sum)));
        return truth;
    }

    private static Map<Long, Long> bytesByWindow(LineProtocolDatabase database, String measurement) {
        return new TreeMap<>(database.sum(measurement, "bytes", s -> Math.floorDiv(s.timestamp(), WINDOW) * WINDOW,
                s -> true));
    }
}
