package org.bwnetflow.connect.ddos.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
 * What the state topic holds when an attack event is handed on: the mitigation makes a route durable as soon as it
 * hears of a start, so the open attack must be in the state topic before, or a task killed right after the
 * announcement would not know the attack and detect it anew under another id (DdosSinkCrashIT's SIGKILL).
 */
class AttackStateOrderTest {

    private static final long CID = 1000;
    private static final String ATTACK_KEY = CID + "/attack/10.0.0.77";
    private static final long FIRST_SECOND = 1_800_000_000L;

    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
            new ByteArraySerializer());
    private final StateTopic state = new StateTopic("state", producer, () -> {
        throw new AssertionError("nothing is read");
    }, Duration.ofSeconds(5));
    private final AtomicLong wallClock = new AtomicLong(FIRST_SECOND * 1000);
    /** Per event heard: the state topic's value of the attack's key then ("absent", "open" or "tombstone"). */
    private final List<String> heard = new ArrayList<>();

    private CustomerDetectors detectors() {
        // a window of 4 s, floors of 20 Mbit/s and 5,000 packets/s, warmup 4 s, an update every 4 s
        DetectorSettings settings = new DetectorSettings(4, 3, 20e6, 5_000, 4, 32, 128, 1_000, false, 4);
        return new CustomerDetectors(settings, 7 * 24 * 3600L, ZoneOffset.UTC, CustomerPolicies.parse(MitigationPolicy.ALERT,
                List.of(CID + ":blackhole")), state, event -> heard.add(event.kind() + " " + attackRecord()),
                wallClock::get);
    }

    @Test
    void theOpenAttackIsInTheStateTopicBeforeItsStartIsHandedOnAndItsTombstoneBeforeItsEnd() {
        CustomerDetectors detectors = detectors();
        for (long second = FIRST_SECOND; second < FIRST_SECOND + 12; second++) {
            wallClock.set(second * 1000);
            for (int i = 0; i < 20; i++) { // 20 flows of 500 packets of 500 bytes a second: 40 Mbit/s, 10,000 packets/s
                detectors.accept(CID, flow(second), second * 1000);
            }
        }
        for (long second = FIRST_SECOND + 12; second < FIRST_SECOND + 26; second++) {
            wallClock.set(second * 1000); // the flood is over and nothing else comes: the clock follows the wall clock
            detectors.advanceIdle();
        }
        assertThat(heard).first().isEqualTo(AttackEvent.Kind.START + " open");
        assertThat(heard).last().isEqualTo(AttackEvent.Kind.END + " tombstone");
    }

    private String attackRecord() {
        Map<String, byte[]> written = new HashMap<>();
        for (ProducerRecord<byte[], byte[]> record : producer.history()) {
            written.put(new String(record.key(), StandardCharsets.UTF_8), record.value());
        }
        if (!written.containsKey(ATTACK_KEY)) {
            return "absent";
        }
        return written.get(ATTACK_KEY) == null ? "tombstone" : "open";
    }

    private static Struct flow(long second) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setBytes(flow, FlowField.SRC_ADDR, new byte[] {(byte) 198, 51, 100, 7});
        Flows.setBytes(flow, FlowField.DST_ADDR, new byte[] {10, 0, 0, 77});
        Flows.setNumber(flow, FlowField.PROTO, 17);
        Flows.setNumber(flow, FlowField.DST_PORT, 53);
        Flows.setNumber(flow, FlowField.PACKETS, 500);
        Flows.setNumber(flow, FlowField.BYTES, 500L * 500);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, second);
        Flows.setNumber(flow, FlowField.CID, CID);
        return flow;
    }
}
