package org.bwnetflow.connect.ddos.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.ddos.detection.DetectorSettings;
import org.bwnetflow.connect.ddos.sink.attack.AttackEvent;
import org.bwnetflow.connect.ddos.sink.mitigation.CustomerPolicies;
import org.bwnetflow.connect.ddos.sink.mitigation.MitigationPolicy;
import org.bwnetflow.connect.ddos.sink.state.StateTopic;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;

/**
 * Addresses seen once must not fill a customer's baseline for good (the DDoS soak's hosts that rarely repeat did):
 * a target not learned for the retention is forgotten, in memory and in the state topic.
 */
class CustomerDetectorsTest {

    private static final long CID = 1000;
    private static final long RETENTION_SECONDS = 2 * 3600;
    private static final long START = 1_772_000_000;

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final List<AttackEvent> events = new ArrayList<>();
    private final CustomerDetectors detectors = new CustomerDetectors(
            new DetectorSettings(10, 3.0, 100e6, 10_000, 10, 32, 128, 1_000, false, 10), RETENTION_SECONDS, ZoneId.of("UTC"),
            new CustomerPolicies(MitigationPolicy.ALERT, Map.of()),
            new StateTopic("state", producer, () -> null, Duration.ofSeconds(5)), events::add, () -> 0L);

    @Test
    void aTargetNotLearnedForTheRetentionIsForgottenAndDeletedFromTheState() {
        heavyFlow("10.0.0.1", START);
        heavyFlow("10.0.0.1", START);
        // Evictions come once an hour of flow time: the one due after the retention has passed is at most an hour late.
        for (long second = START + 1; second <= START + RETENTION_SECONDS + 2 * 3600; second += 5) {
            heavyFlow("10.0.0.2", second);
            if ((second - START) % 600 == 1) {
                detectors.saveChanged();
            }
        }
        detectors.saveChanged();

        assertThat(detectors.baselineTargets()).as("10.0.0.2 only").isEqualTo(1);
        assertThat(lastValue("1000/baseline/10.0.0.1")).as("a tombstone").containsExactly((byte[]) null);
        assertThat(lastValue("1000/baseline/10.0.0.2")).singleElement().isNotNull();
        assertThat(events).isEmpty();
    }

    @Test
    void aTargetLearnedWithinTheRetentionStays() {
        for (long second = START; second <= START + RETENTION_SECONDS + 3600; second += 5) {
            heavyFlow(second % 3600 < 1800 ? "10.0.0.1" : "10.0.0.2", second);
            detectors.saveChanged();
        }
        assertThat(detectors.baselineTargets()).isEqualTo(2);
        assertThat(producer.history()).noneMatch(r -> r.value() == null);
    }

    /** About 40 Mbit/s over a 10 s window: above floor / multiple, so the target gets a baseline; below any alert. */
    private void heavyFlow(String target, long second) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, FlowField.CID, CID);
        Flows.setBytes(flow, FlowField.SRC_ADDR, new byte[] {100, 64, 0, 1});
        Flows.setBytes(flow, FlowField.DST_ADDR, address(target));
        Flows.setNumber(flow, FlowField.BYTES, 25_000_000);
        Flows.setNumber(flow, FlowField.PACKETS, 20_000);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, second);
        detectors.accept(CID, flow, second * 1000);
    }

    private static byte[] address(String text) {
        String[] parts = text.split("\\.");
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            address[i] = (byte) Integer.parseInt(parts[i]);
        }
        return address;
    }

    /** The last record of a key in the state topic (one element, null for a tombstone), or none. */
    private List<byte[]> lastValue(String key) {
        List<byte[]> last = new ArrayList<>();
        for (ProducerRecord<byte[], byte[]> record : producer.history()) {
            if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                last.clear();
                last.add(record.value());
            }
        }
        return last;
    }
}
