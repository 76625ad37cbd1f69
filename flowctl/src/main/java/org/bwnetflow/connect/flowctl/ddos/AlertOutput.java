package org.bwnetflow.connect.flowctl.ddos;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bwnetflow.connect.ddos.detection.Alert;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts go: one JSON line each on stdout, flushed at once (a pipe reader sees it now), and
 * with an alert topic also a record there, keyed by the target so one target's alerts stay in order.
 */
final class AlertOutput implements Consumer<Alert>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertOutput.class);

    private final PrintWriter out;
    private final Producer<String, String> producer;
    private final String topic;
    private final boolean withIds;
    private final AtomicLong failed = new AtomicLong(); // the producer's callbacks run on its own thread

    /** Stdout only when {@code producer} is null; {@code withIds}: the lines have the alert's id and the event's time. */
    AlertOutput(PrintWriter out, Producer<String, String> producer, String topic, boolean withIds) {
        this.out = out;
        this.producer = producer;
        this.topic = topic;
        this.withIds = withIds;
    }

    @Override
    public void accept(Alert alert) {
        String json = AlertJson.toJson(alert, withIds);
        out.println(json);
        out.flush();
        if (producer != null) {
            producer.send(new ProducerRecord<>(topic, alert.target(), json), (metadata, e) -> {
                if (e != null && failed.getAndIncrement() == 0) { // once: the summary has the count
                    log.warn("flowctl ddos: cannot write alerts to topic {}: {}", topic, e.toString());
                }
            });
        }
    }

    /** Alerts the topic did not take. */
    long failed() {
        return failed.get();
    }

    /** Waits for the alerts still on their way to the topic. */
    @Override
    public void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
