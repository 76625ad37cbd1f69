package org.bwnetflow.connect.ddos.sink.mitigation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail as JSON records of the audit topic, keyed by customer id (so one customer's records stay in
 * order on one partition), each acknowledged before {@link #record} returns. Also logged at INFO.
 */
public final class TopicAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger(TopicAuditLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final String connector;
    private final Producer<byte[], byte[]> producer;
    private final Duration timeout;

    public TopicAuditLog(String topic, String connector, Producer<byte[], byte[]> producer, Duration timeout) {
        this.topic = topic;
        this.connector = connector;
        this.producer = producer;
        this.timeout = timeout;
    }

    @Override
    public void record(AuditRecord entry) {
        log.info("DDoS mitigation audit: {} cid={} attack={} route={}: {}", entry.action(), entry.cid(), entry.attackId(),
                entry.route(), entry.reason());
        try {
            producer.send(new ProducerRecord<>(topic, Long.toString(entry.cid()).getBytes(StandardCharsets.UTF_8),
                    encode(entry, connector))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while writing to the audit topic " + topic);
        } catch (ExecutionException e) {
            throw new ConnectException("the audit topic " + topic + " did not take a record, so its action is not taken: "
                    + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new ConnectException("the audit topic " + topic + " did not acknowledge a record within "
                    + timeout.toMillis() + " ms, so its action is not taken");
        }
    }

    /** The record's JSON. */
    static byte[] encode(AuditRecord entry, String connector) {
        ObjectNode node = JSON.createObjectNode()
                .put("time_ms", entry.timeMillis())
                .put("connector", connector)
                .put("action", entry.action())
                .put("cid", entry.cid())
                .put("attack", entry.attackId())
                .put("target", entry.target())
                .put("route_key", entry.routeKey())
                .put("route", entry.route())
                .put("reason", entry.reason());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an audit record as JSON", e);
        }
    }
}
