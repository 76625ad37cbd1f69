package org.bwnetflow.connect.netflow.source.offsets;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads saved domain state from Connect's offsets on a background thread, so the poll thread
 * never waits for the offsets topic.
 *
 * <p>New domains queue up (a bounded queue: when it is full the domain starts without saved
 * state) and are read in batches: one {@code offsets()} call for a batch of domain partitions,
 * one for their template and interface partitions, and at most one batch per
 * {@link #MIN_READ_INTERVAL_MS}. However many spoofed sources appear, reads stay a few per second.
 */
public final class StateRestorer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StateRestorer.class);
    static final int MAX_QUEUED = 8192;
    static final int BATCH = 1024;
    static final long MIN_READ_INTERVAL_MS = 50;

    private final OffsetStorageReader reader;
    private final SavedStateReader savedState;
    private final BlockingQueue<DomainKey> requests = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final Queue<Result> results = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private final RateLimitedLog failureLog = new RateLimitedLog(60_000);
    private final LongAdder reads = new LongAdder();
    private final LongAdder readFailures = new LongAdder();
    private final LongAdder unreadable = new LongAdder();
    private volatile boolean running = true;

    public StateRestorer(OffsetStorageReader reader, long templateExpiryMillis, long idleExpiryMillis, String name) {
        this.reader = reader;
        this.savedState = new SavedStateReader(templateExpiryMillis, idleExpiryMillis);
        this.thread = new Thread(this::run, name + "-state-restorer");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Asks for a domain's saved state; false when too many are waiting (start it without). */
    public boolean request(DomainKey key) {
        return requests.offer(key);
    }

    /** The next finished read, or null. */
    public Result poll() {
        return results.poll();
    }

    public long reads() {
        return reads.sum();
    }

    public long readFailures() {
        return readFailures.sum();
    }

    public long unreadableEntries() {
        return unreadable.sum();
    }

    private void run() {
        long lastRead = 0;
        List<DomainKey> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                DomainKey first = requests.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                long wait = lastRead + MIN_READ_INTERVAL_MS - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait); // let the batch fill instead of reading once per domain
                }
                batch.clear();
                batch.add(first);
                requests.drainTo(batch, BATCH - 1);
                lastRead = System.currentTimeMillis();
                readBatch(batch, lastRead);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readBatch(List<DomainKey> batch, long nowMillis) {
        Map<Map<String, Object>, DomainKey> byPartition = new HashMap<>();
        for (DomainKey key : batch) {
            byPartition.put(key.partition(), key);
        }
        try {
            reads.increment();
            Map<Map<String, Object>, Map<String, Object>> domains = reader.offsets(byPartition.keySet());
            List<Map<String, Object>> childPartitions = new ArrayList<>();
            domains.forEach((partition, offset) -> {
                if (savedState.isRestorable(offset, nowMillis)) {
                    childPartitions.addAll(savedState.childPartitions(partition, offset));
                }
            });
            Map<Map<String, Object>, Map<String, Object>> children = childPartitions.isEmpty() ? Map.of()
                    : reader.offsets(childPartitions);
            byPartition.forEach((partition, key) -> results.add(result(key, partition, domains.get(partition), children,
                    nowMillis)));
        } catch (RuntimeException e) {
            readFailures.increment();
            if (failureLog.shouldLog()) {
                log.warn("Cannot read saved decoder state from the offsets ({} domain(s) start without it; {} such "
                        + "failures): {}", batch.size(), readFailures.sum(), e.toString());
            }
            batch.forEach(key -> results.add(new Result(key, null, RestoredIndex.NONE)));
        }
    }

    private Result result(DomainKey key, Map<String, Object> partition, Map<String, Object> offset,
            Map<Map<String, Object>, Map<String, Object>> children, long nowMillis) {
        if (offset == null || !OffsetFormat.isCurrentFormat(offset)) {
            return new Result(key, null, RestoredIndex.NONE);
        }
        SavedStateReader.Restored restored = savedState.isRestorable(offset, nowMillis)
                ? savedState.read(partition, offset, children, nowMillis) : savedState.stale(offset);
        unreadable.add(restored.unreadable());
        return new Result(key, restored.saved(), restored.index());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One exporter domain, as the restorer and the pending buffer know it. */
    public record DomainKey(InetAddress exporter, int version, long domainId) {
        Map<String, Object> partition() {
            return OffsetFormat.domainPartition(exporter.getHostAddress(), version, domainId);
        }
    }

    /**
     * A finished read: the saved state (null when there was none, or it could not be read) and
     * the index of the partitions found.
     */
    public record Result(DomainKey key, org.bwnetflow.connect.netflow.decode.SavedDomain saved, RestoredIndex index) {
    }
}
