package org.bwnetflow.connect.influx;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;

/**
 * Continuous traffic of one customer partition as a network sends it: a record every few
 * milliseconds of record time (the source's receive time), neighbours sometimes swapped (two
 * producers), each flow's TimeFlowEnd up to {@code jitterMillis} before its record's timestamp
 * (exporters report flows after they end), or shifted by the exporter's clock error; remote
 * addresses that rarely repeat, and local hosts whose share of the bytes drifts, so a top list
 * changes as the window fills. Keeps the ground truth: bytes and flows per window of the flows'
 * true time.
 */
final class JitteredTraffic {

    private final Random random;
    private final String topic;
    private final int partition;
    private final long cid;
    private final long gapMillis;
    private final long jitterMillis;
    private final int hosts;
    private long timestamp;
    private long offset;
    private long clockErrorMillis;
    private Generated held;
    private final Map<Long, long[]> truthByWindow = new HashMap<>();
    private long bytes;
    private long flows;

    /**
     * @param flowsPerSecond records per second of record time
     * @param jitterMillis   how long before its record a flow may have ended
     */
    JitteredTraffic(long seed, String topic, int partition, long cid, long startMillis, int flowsPerSecond,
                    long jitterMillis, int hosts) {
        this.random = new Random(seed);
        this.topic = topic;
        this.partition = partition;
        this.cid = cid;
        this.timestamp = startMillis;
        this.gapMillis = Math.max(1, 1000 / flowsPerSecond);
        this.jitterMillis = jitterMillis;
        this.hosts = hosts;
    }

    /** From now on the exporter's clock is off by this much (positive: ahead); its flows then carry wrong times. */
    void clockError(long millis) {
        this.clockErrorMillis = millis;
    }

    /** The next record's timestamp, roughly: producing stops when it passes the wall clock. */
    long timestamp() {
        return timestamp;
    }

    long flows() {
        return flows;
    }

    long bytes() {
        return bytes;
    }

    /** Bytes and flows per window start of the flows' true end time. */
    Map<Long, long[]> truth(long windowMillis) {
        Map<Long, long[]> byWindow = new HashMap<>();
        truthByWindow.forEach((second, counts) -> {
            long window = Math.floorDiv(second * 1000, windowMillis) * windowMillis;
            long[] total = byWindow.computeIfAbsent(window, w -> new long[2]);
            total[0] += counts[0];
            total[1] += counts[1];
        });
        return byWindow;
    }

    /** The next record in offset order; its timestamp may be a little behind the one before. */
    SinkRecord next() {
        Generated generated;
        if (held != null && random.nextInt(3) == 0) {
            generated = held;
            held = null;
        } else {
            generated = newRecord();
            if (held == null && random.nextInt(20) == 0) {
                held = generated; // sent after the next one: timestamps slightly out of order
                generated = newRecord();
            }
        }
        long[] truth = truthByWindow.computeIfAbsent(generated.endSecond, s -> new long[2]);
        truth[0] += generated.bytes;
        truth[1]++;
        bytes += generated.bytes;
        flows++;
        SinkRecord record = generated.record;
        return new SinkRecord(record.topic(), record.kafkaPartition(), null, null, record.valueSchema(), record.value(),
                offset++, record.timestamp(), TimestampType.CREATE_TIME);
    }

    /** A record made, with what the ground truth counts of it once it is sent: its true end second and bytes. */
    private record Generated(SinkRecord record, long endSecond, long bytes) {
    }

    private Generated newRecord() {
        timestamp += gapMillis / 2 + random.nextInt((int) gapMillis + 1);
        long ended = timestamp - (jitterMillis == 0 ? 0 : random.nextInt((int) jitterMillis + 1));
        long flowEndSeconds = Math.floorDiv(ended, 1000);
        String remote = "198.51." + random.nextInt(256) + "." + random.nextInt(256);
        // Hosts whose share drifts over time: the top list of a window changes while it fills.
        int host = (int) Math.abs((random.nextGaussian() * hosts / 4 + (timestamp / 7_000) % hosts)) % hosts;
        String local = "10.0." + (host / 250) + "." + (1 + host % 250);
        long flowBytes = 40 + random.nextInt(1_500);
        Struct flow = TestFlows.flow(remote, local);
        Flows.setNumber(flow, FlowField.CID, cid);
        Flows.setNumber(flow, FlowField.BYTES, flowBytes);
        Flows.setNumber(flow, FlowField.PACKETS, 1 + flowBytes / 500);
        Flows.setNumber(flow, FlowField.FLOW_DIRECTION, 0);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, Math.floorDiv(ended + clockErrorMillis, 1000));
        Flows.setNumber(flow, FlowField.TIME_RECEIVED, Math.floorDiv(timestamp, 1000));
        return new Generated(new SinkRecord(topic, partition, null, null, FlowMessageSchema.SCHEMA, flow, -1, timestamp,
                TimestampType.CREATE_TIME), flowEndSeconds, flowBytes);
    }
}
