package org.bwnetflow.connect.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.bwnetflow.connect.influx.testing.LineProtocolDatabase;
import org.bwnetflow.connect.influx.testing.LineProtocolDatabase.Semantics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sink on continuous traffic, as a network sends it (flows a few seconds out of order, a
 * record every few milliseconds, for many minutes), driven like Connect drives it: offsets are
 * committed every 10 s and must keep up with the data, the windows held in memory must stay
 * bounded, and the totals must be exact. Also routers whose clock is wrong, in both directions.
 */
class InfluxSinkContinuousTrafficTest {

    private static final long T0 = 1_800_000_000_000L;
    private static final long WINDOW = 10_000;
    private static final long WRITE_INTERVAL = 10_000;
    private static final long COMMIT_INTERVAL = 10_000;
    private static final long TOLERANCE = 60_000;
    /** Record time from the commit point to the newest record: a segment, the write after it, a commit interval. */
    private static final long COMMIT_LAG_BOUND = 2 * WRITE_INTERVAL + COMMIT_INTERVAL + 1_000;

    private final AtomicLong clock = new AtomicLong(T0);
    private final LineProtocolDatabase database = new LineProtocolDatabase(Semantics.LAST_WRITE_WINS);
    private SimulatedWorker worker;

    @AfterEach
    void stop() {
        if (worker != null) {
            worker.stop();
        }
    }

    static Map<String, String> props() {
        Map<String, String> props = new HashMap<>();
        props.put(InfluxSinkConfig.INFLUX_URL, "http://127.0.0.1:1");
        props.put(InfluxSinkConfig.INFLUX_ORG, "acme");
        props.put(InfluxSinkConfig.INFLUX_BUCKET, "flows");
        props.put(InfluxSinkConfig.INFLUX_PRECISION, "ms");
        props.put(InfluxSinkConfig.WINDOW_SIZE_MS, String.valueOf(WINDOW));
        props.put(InfluxSinkConfig.WRITE_INTERVAL_MS, String.valueOf(WRITE_INTERVAL));
        props.put(InfluxSinkConfig.FLOW_TIME_TOLERANCE_MS, String.valueOf(TOLERANCE));
        props.put("measurements", "flows,top_hosts");
        props.put("measurement.flows.tags", "cid");
        props.put("measurement.top_hosts.tags", "cid,host");
        props.put("measurement.top_hosts.top.n", "5");
        return props;
    }

    /**
     * Runs the traffic for {@code seconds} of record time, the consumer 300 ms behind, polling every
     * 100 ms and committing every 10 s; checks the commit lag and the windows held after every commit.
     *
     * @return the largest commit lag and number of windows held seen
     */
    private long[] run(List<JitteredTraffic> partitions, long seconds) {
        long end = clock.get() + seconds * 1000;
        long nextCommit = clock.get() + COMMIT_INTERVAL;
        long maxLag = 0;
        long maxWindows = 0;
        while (clock.get() < end) {
            clock.addAndGet(100);
            for (JitteredTraffic traffic : partitions) {
                while (traffic.timestamp() <= clock.get() - 300) {
                    worker.append(traffic.next());
                }
            }
            worker.poll(500);
            if (clock.get() >= nextCommit) {
                nextCommit += COMMIT_INTERVAL;
                worker.commit();
                for (TopicPartition tp : worker.committed().keySet()) {
                    long lag = commitLag(tp);
                    maxLag = Math.max(maxLag, lag);
                    assertThat(lag).as("record time from the commit point of %s to its newest record at %s", tp,
                            clock.get()).isLessThanOrEqualTo(COMMIT_LAG_BOUND);
                }
                int held = worker.task().windowsHeld();
                maxWindows = Math.max(maxWindows, held);
                assertThat(held).as("windows held in memory at %s", clock.get())
                        .isLessThanOrEqualTo(partitions.size() * windowsPerPartitionBound());
            }
        }
        return new long[] {maxLag, maxWindows};
    }

    /** Windows one partition may hold: those one segment's flows can fall into, for two segments (one being written). */
    private static int windowsPerPartitionBound() {
        return (int) (2 * ((WRITE_INTERVAL + 2 * TOLERANCE + WINDOW) / WINDOW + 1));
    }

    private long commitLag(TopicPartition tp) {
        int size = worker.size(tp);
        long committed = worker.committed(tp);
        if (committed >= size) {
            return 0;
        }
        return worker.record(tp, size - 1).timestamp() - worker.record(tp, committed).timestamp();
    }

    /** Lets the data settle: the last records are written after the partitions go quiet. */
    private void quiet() {
        for (int i = 0; i < 5; i++) {
            clock.addAndGet(WRITE_INTERVAL);
            worker.poll(500);
        }
        worker.commit();
    }

    private Map<Long, Long> bytesByWindow(String measurement, long cid) {
        return new TreeMap<>(database.sum(measurement, "bytes", s -> Math.floorDiv(s.timestamp(), WINDOW) * WINDOW,
                s -> s.tag("cid").equals(String.valueOf(cid))));
    }

    private static Map<Long, Long> truthBytes(JitteredTraffic traffic) {
        Map<Long, Long> bytes = new TreeMap<>();
        traffic.truth(WINDOW).forEach((window, counts) -> bytes.put(window, counts[0]));
        return bytes;
    }

    @Test
    void onContinuousJitteredTrafficCommitsKeepUpWindowsStayBoundedAndTotalsAreExact() {
        worker = new SimulatedWorker(props(), database, clock);
        List<JitteredTraffic> partitions = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            partitions.add(new JitteredTraffic(31 + p, "flows-1000", p, 1000, T0, 200, 5_000, 60));
        }
        partitions.forEach(t -> worker.append(t.next()));
        worker.start();

        long[] seen = run(partitions, 20 * 60);
        quiet();

        System.out.printf("20 min of jittered traffic: largest commit lag %d ms (bound %d), most windows held %d%n",
                seen[0], COMMIT_LAG_BOUND, seen[1]);
        Map<Long, Long> truth = new TreeMap<>();
        partitions.forEach(t -> truthBytes(t).forEach((w, b) -> truth.merge(w, b, Long::sum)));
        assertThat(bytesByWindow("flows", 1000)).isEqualTo(truth);
        Map<Long, Long> topHosts = bytesByWindow("top_hosts", 1000);
        truth.forEach((window, bytes) -> assertThat(topHosts.getOrDefault(window, 0L))
                .as("top_hosts rows of window %d add up to at most its traffic", window).isLessThanOrEqualTo(bytes));
        long lastClosed = clock.get() - 120_000;
        truth.forEach((window, bytes) -> {
            if (window < lastClosed) {
                assertThat(topHosts.get(window)).as("top_hosts rows of window %d", window).isEqualTo(bytes);
            }
        });
    }

    @Test
    void aFlowDatedAYearAheadNeitherHoldsBackTheCommitNorIsLost() {
        worker = new SimulatedWorker(props(), database, clock);
        JitteredTraffic traffic = new JitteredTraffic(7, "flows-1000", 0, 1000, T0, 100, 2_000, 20);
        worker.append(traffic.next());
        worker.start();
        run(List.of(traffic), 60);
        traffic.clockError(365L * 24 * 3600 * 1000);
        worker.append(traffic.next()); // one NetFlow v5 datagram's flow from a router a year ahead
        traffic.clockError(0);
        run(List.of(traffic), 5 * 60);
        quiet();

        long written = database.sum("flows", "bytes", s -> 1, s -> true).getOrDefault(1, 0L);
        assertThat(written).as("every byte counted, the year-ahead flow in its record's window").isEqualTo(traffic.bytes());
        assertThat(database.samples("flows")).as("no point a year ahead")
                .allMatch(s -> s.timestamp() < clock.get() + TOLERANCE);
        assertThat(worker.metrics().value("clock-corrected-records")).isEqualTo(1L);
    }

    @Test
    void aRouterWhoseClockLagsByMinutesLosesNoFlows() {
        worker = new SimulatedWorker(props(), database, clock);
        JitteredTraffic traffic = new JitteredTraffic(8, "flows-1000", 0, 1000, T0, 100, 2_000, 20);
        traffic.clockError(-5 * 60_000);
        worker.append(traffic.next());
        worker.start();
        run(List.of(traffic), 3 * 60);
        quiet();

        long written = database.sum("flows", "bytes", s -> 1, s -> true).getOrDefault(1, 0L);
        assertThat(written).as("all of its traffic, in the windows of when it was received").isEqualTo(traffic.bytes());
        assertThat(worker.metrics().value("clock-corrected-records")).isEqualTo(traffic.flows());
    }
}
