package org.bwnetflow.connect.ddos.sink.publish;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.influx.write.InfluxWriter;
import org.bwnetflow.connect.influx.write.WriteFailure;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attack events and audit records as points of the time-series database (for the dashboard), written at
 * each {@link #flush}. The database is a view: the topics hold every event. So an unreachable database never
 * stops detection or mitigation: its points wait (at most {@code maxPending}, the oldest dropped and counted
 * beyond that) and are written when it answers again; the timestamps are the events' own, so a point written
 * twice replaces itself (the tables deduplicate on time and key).
 */
public final class DatabasePoints {

    private static final Logger log = LoggerFactory.getLogger(DatabasePoints.class);

    private final InfluxWriter writer;
    private final String bucket;
    private final int maxPending;
    private final Deque<String> pending = new ArrayDeque<>();
    private final RateLimitedLog failures = new RateLimitedLog(60_000);
    private long written;
    private long dropped;

    public DatabasePoints(InfluxWriter writer, String bucket, int maxPending) {
        this.writer = writer;
        this.bucket = bucket;
        this.maxPending = maxPending;
    }

    public void add(Point point) {
        if (pending.size() >= maxPending) {
            pending.removeFirst();
            if (dropped++ == 0 || failures.shouldLog()) {
                log.warn("DDoS sink: {} points waiting for the database; the oldest are dropped ({} so far), the "
                        + "topics still hold them", maxPending, dropped);
            }
        }
        pending.addLast(point.toLineProtocol(TimeUnit.MILLISECONDS));
    }

    /** Writes what waits; true when nothing waits any more. */
    public boolean flush() {
        if (pending.isEmpty()) {
            return true;
        }
        List<String> lines = new ArrayList<>(pending);
        try {
            writer.write(bucket, lines);
        } catch (WriteFailure e) {
            if (failures.shouldLog()) {
                log.warn("DDoS sink: the database did not take {} points, trying again at the next flush: {}",
                        lines.size(), e.getMessage());
            }
            return false;
        }
        for (int i = 0; i < lines.size(); i++) {
            pending.removeFirst();
        }
        written += lines.size();
        return true;
    }

    public long written() {
        return written;
    }

    public long dropped() {
        return dropped;
    }

    public int pending() {
        return pending.size();
    }
}
