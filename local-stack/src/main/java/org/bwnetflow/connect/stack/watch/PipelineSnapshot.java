package org.bwnetflow.connect.stack.watch;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

/**
 * The pipeline's counters at one moment, summed over the stack's Connect workers: what the
 * NetFlow source received and decoded (and lost before it), the records the workers' producers
 * sent per topic (the tenant topics), and the points the Influx sink wrote.
 *
 * @param datagrams       UDP datagrams received by the source tasks
 * @param flows           flow records decoded
 * @param sequenceMissing datagrams (v9) or records (v5, IPFIX) the exporters' sequence numbers say were lost
 * @param kernelDrops     datagrams the kernel dropped on the listen port (host-wide, the largest reading)
 * @param templateMisses  data sets skipped because their template was unknown
 * @param topicRecords    records sent per topic by the workers' producers (internal topics left out)
 * @param points          points the Influx sink wrote
 * @param clockCorrected  flows the sink counted at their record's time: their exporter's clock was off
 * @param lastSourceStart when the most recently started source task started (epoch ms): a task restarted by a
 *                        rebalance or a coordinator outage starts its counters at zero
 * @param unreadable      workers whose metrics could not be read (not running, or not yet)
 * @param nanoTime        when it was taken ({@link System#nanoTime()})
 */
public record PipelineSnapshot(long datagrams, long flows, long sequenceMissing, long kernelDrops, long templateMisses,
                               SortedMap<String, Long> topicRecords, long points, long clockCorrected, long lastSourceStart,
                               int unreadable, long nanoTime) {

    static final String PLUGINS = "kafka.connect:type=plugins,*";
    static final String PRODUCER_TOPICS = "kafka.producer:type=producer-topic-metrics,*";

    public PipelineSnapshot {
        topicRecords = Collections.unmodifiableSortedMap(new TreeMap<>(topicRecords));
    }

    /** Reads the workers with these pids; a worker that cannot be read counts as zero. */
    public static PipelineSnapshot read(List<Long> workerPids) {
        Builder sum = new Builder();
        for (long pid : workerPids) {
            try (JMXConnector connector = JvmMetrics.connect(pid)) {
                sum.add(connector.getMBeanServerConnection());
            } catch (IOException | RuntimeException e) {
                sum.unreadable++;
            }
        }
        return sum.build();
    }

    /** Records sent to all non-internal topics. */
    public long records() {
        return topicRecords.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Accumulates the workers' numbers. */
    private static final class Builder {
        long datagrams;
        long flows;
        long sequenceMissing;
        long kernelDrops;
        long templateMisses;
        long points;
        long clockCorrected;
        long lastSourceStart;
        int unreadable;
        final SortedMap<String, Long> topics = new TreeMap<>();

        void add(MBeanServerConnection server) throws IOException {
            for (Map<String, Double> m : JvmMetrics.read(server, PLUGINS).values()) {
                // The source task's MBean is the one with datagrams-received; the sink's has points-written.
                if (m.containsKey("datagrams-received")) {
                    datagrams += get(m, "datagrams-received");
                    flows += get(m, "flows");
                    sequenceMissing += get(m, "sequence-missing");
                    templateMisses += get(m, "template-misses");
                    kernelDrops = Math.max(kernelDrops, get(m, "kernel-drops"));
                    lastSourceStart = Math.max(lastSourceStart, get(m, "task-started-at-ms"));
                }
                if (m.containsKey("points-written")) {
                    points += get(m, "points-written");
                    clockCorrected += get(m, "clock-corrected-records");
                }
            }
            for (Map.Entry<ObjectName, Map<String, Double>> e : JvmMetrics.read(server, PRODUCER_TOPICS).entrySet()) {
                String topic = e.getKey().getKeyProperty("topic");
                if (topic != null && !topic.startsWith("_")) {
                    topics.merge(topic, get(e.getValue(), "record-send-total"), Long::sum);
                }
            }
        }

        private static long get(Map<String, Double> values, String name) {
            Double value = values.get(name);
            return value == null || value.isNaN() ? 0 : value.longValue();
        }

        PipelineSnapshot build() {
            return new PipelineSnapshot(datagrams, flows, sequenceMissing, kernelDrops, templateMisses, topics, points,
                    clockCorrected, lastSourceStart, unreadable, System.nanoTime());
        }
    }
}
