package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.model.proto.IngestHealthProto;
import org.junit.jupiter.api.Test;

class IngestHealthCodecTest {

    static Struct sample() {
        Struct health = IngestHealth.newRecord(1_700_000_010_000L, 10_000, "netflow-source", 3, "192.0.2.7");
        long value = 1;
        for (String counter : IngestHealth.COUNTERS) {
            health.put(counter, value * 1_000_003L);
            value++;
        }
        return health;
    }

    @Test
    void encodesWhatProtobufsOwnReaderReadsFromTheShippedProto() throws Exception {
        IngestHealthProto.IngestHealth read = IngestHealthProto.IngestHealth.parseFrom(IngestHealthCodec.encode(sample()));
        assertThat(read.getTimeReported()).isEqualTo(1_700_000_010_000L);
        assertThat(read.getIntervalMs()).isEqualTo(10_000);
        assertThat(read.getConnector()).isEqualTo("netflow-source");
        assertThat(read.getTask()).isEqualTo(3);
        assertThat(read.getExporter()).isEqualTo("192.0.2.7");
        assertThat(read.getDatagrams()).isEqualTo(1_000_003L);
        assertThat(read.getFlows()).isEqualTo(2_000_006L);
        assertThat(read.getSequenceMissing()).isEqualTo(4_000_012L);
        assertThat(read.getTemplateMisses()).isEqualTo(9_000_027L);
        assertThat(read.getClockSkewed()).as("field 15").isEqualTo(10_000_030L);
    }

    @Test
    void roundTripsEveryField() {
        Struct back = IngestHealthCodec.decode(IngestHealthCodec.encode(sample()));
        assertThat(back).isEqualTo(sample());
        assertThat(back.getInt64(IngestHealth.CLOCK_SKEWED)).isEqualTo(10_000_030L);
    }

    /** A record of a source from before ClockSkewed (fields 1-14 only) reads with 0 clock-skewed flows. */
    @Test
    void aRecordWithoutClockSkewedReadsAsZero() {
        byte[] bytes = IngestHealthProto.IngestHealth.newBuilder().setExporter("192.0.2.7").setFlows(12).build()
                .toByteArray();
        assertThat(IngestHealthCodec.decode(bytes).getInt64(IngestHealth.CLOCK_SKEWED)).isZero();
    }

    @Test
    void decodesWhatProtobufWrote() {
        byte[] bytes = IngestHealthProto.IngestHealth.newBuilder().setTimeReported(5).setTask(2).setExporter("other")
                .setKernelDrops(77).setFlows(12).setClockSkewed(5).build().toByteArray();
        Struct health = IngestHealthCodec.decode(bytes);
        assertThat(health.getInt64(IngestHealth.TIME_REPORTED)).isEqualTo(5);
        assertThat(health.getInt32(IngestHealth.TASK)).isEqualTo(2);
        assertThat(health.getString(IngestHealth.EXPORTER)).isEqualTo("other");
        assertThat(health.getInt64(IngestHealth.KERNEL_DROPS)).isEqualTo(77);
        assertThat(health.getInt64(IngestHealth.FLOWS)).isEqualTo(12);
        assertThat(health.getInt64(IngestHealth.CLOCK_SKEWED)).isEqualTo(5);
        assertThat(health.getInt64(IngestHealth.DATAGRAMS)).isZero();
        assertThat(health.getString(IngestHealth.CONNECTOR)).isEmpty();
    }

    @Test
    void truncatedBytesAreADataException() {
        byte[] bytes = IngestHealthCodec.encode(sample());
        byte[] cut = java.util.Arrays.copyOf(bytes, 9);
        assertThatThrownBy(() -> IngestHealthCodec.decode(cut)).isInstanceOf(DataException.class)
                .hasMessageContaining("IngestHealth");
    }

    @Test
    void theConverterMarksHealthRecordsByHeaderAndReadsThemBack() {
        FlowMessageConverter converter = new FlowMessageConverter();
        RecordHeaders headers = new RecordHeaders();
        byte[] bytes = converter.fromConnectData("_ingest-health", headers, IngestHealth.SCHEMA, sample());
        assertThat(new String(headers.lastHeader(FlowMessageConverter.RECORD_HEADER).value()))
                .isEqualTo(FlowMessageConverter.INGEST_HEALTH);
        SchemaAndValue back = converter.toConnectData("_ingest-health", headers, bytes);
        assertThat(back.schema()).isSameAs(IngestHealth.SCHEMA);
        assertThat(back.value()).isEqualTo(sample());
        assertThat(IngestHealth.isHealth(back.value())).isTrue();
    }

    @Test
    void flowsThroughTheHeadersPathStayFlowsWithoutTheHeader() {
        FlowMessageConverter converter = new FlowMessageConverter();
        RecordHeaders headers = new RecordHeaders();
        Struct flow = FlowMessageCodecTest.fullFlow();
        byte[] bytes = converter.fromConnectData("flows", headers, FlowMessageSchema.SCHEMA, flow);
        assertThat(headers.lastHeader(FlowMessageConverter.RECORD_HEADER)).isNull();
        assertThat(converter.toConnectData("flows", headers, bytes).value()).isEqualTo(flow);
        assertThat(IngestHealth.isHealth(flow)).isFalse();
    }
}
