package org.bwnetflow.connect.influx.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.model.IngestHealthCodec;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.Test;

/** Which records are ingest health: by schema, or raw bytes by the converter's header; flows are not. */
class HealthRecordsTest {

    private static final Struct HEALTH = IngestHealth.newRecord(1_700_000_010_000L, 10_000, "netflow-source", 1, "*")
            .put(IngestHealth.DATAGRAMS_RECEIVED, 42L);

    private static SinkRecord record(Schema schema, Object value, ConnectHeaders headers) {
        return new SinkRecord("t", 0, null, null, schema, value, 0, 0L, TimestampType.CREATE_TIME, headers);
    }

    @Test
    void aHealthStructIsHealth() {
        assertThat(HealthRecords.healthOf(record(IngestHealth.SCHEMA, HEALTH, new ConnectHeaders()))).isSameAs(HEALTH);
    }

    @Test
    void rawBytesAreHealthByTheConvertersHeaderAsStringOrBytes() {
        byte[] bytes = IngestHealthCodec.encode(HEALTH);
        ConnectHeaders asString = new ConnectHeaders();
        asString.addString(FlowMessageConverter.RECORD_HEADER, FlowMessageConverter.INGEST_HEALTH);
        ConnectHeaders asBytes = new ConnectHeaders();
        asBytes.addBytes(FlowMessageConverter.RECORD_HEADER, FlowMessageConverter.INGEST_HEALTH.getBytes(StandardCharsets.UTF_8));

        assertThat(HealthRecords.healthOf(record(null, bytes, asString))).isEqualTo(HEALTH);
        assertThat(HealthRecords.healthOf(record(null, bytes, asBytes))).isEqualTo(HEALTH);
    }

    @Test
    void flowsAreNotHealth() {
        Struct flow = TestFlows.fullFlow();
        assertThat(HealthRecords.healthOf(record(flow.schema(), flow, new ConnectHeaders()))).isNull();
        assertThat(HealthRecords.healthOf(record(null, FlowMessageCodec.encode(flow), new ConnectHeaders()))).isNull();
        assertThat(HealthRecords.healthOf(record(null, "text", new ConnectHeaders()))).isNull();
        assertThat(HealthRecords.healthOf(record(null, null, new ConnectHeaders()))).as("a tombstone").isNull();
    }

    @Test
    void markedBytesThatDoNotDecodeAreBadData() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(FlowMessageConverter.RECORD_HEADER, FlowMessageConverter.INGEST_HEALTH);
        assertThatThrownBy(() -> HealthRecords.healthOf(record(null, new byte[] {(byte) 0x0a, 5, 1}, headers)))
                .isInstanceOf(DataException.class);
    }
}
