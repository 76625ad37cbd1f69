package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class FlowsTest {

    @Test
    void setBytesWritesAnAddressOnTheFastPathAndThroughPut() {
        Struct flow = FlowMessageSchema.newFlow();
        byte[] address = {(byte) 192, 0, 2, 1};
        Flows.setBytes(flow, FlowField.SRC_ADDR, address);
        assertThat(Flows.bytes(flow, FlowField.SRC_ADDR)).isSameAs(address);
        flow.validate();

        // An equal schema that is not our instance: written through Struct.put, validated.
        SchemaBuilder builder = SchemaBuilder.struct().name(FlowMessageSchema.NAME);
        for (org.apache.kafka.connect.data.Field field : FlowMessageSchema.SCHEMA.fields()) {
            builder.field(field.name(), field.schema());
        }
        Schema copy = builder.build();
        Struct other = new Struct(copy);
        Flows.setBytes(other, FlowField.DST_ADDR, address);
        assertThat(other.get("DstAddr")).isSameAs(address);
        assertThat(Flows.bytes(other, FlowField.SRC_ADDR)).isEmpty();
    }

    @Test
    void theSamplingFactorIsTheRateUnlessNormalizedOrUnknown() {
        Struct flow = FlowMessageSchema.newFlow();
        assertThat(Flows.samplingFactor(flow)).as("rate unknown").isEqualTo(1);
        Flows.setNumber(flow, FlowField.SAMPLING_RATE, 512);
        assertThat(Flows.samplingFactor(flow)).isEqualTo(512);
        Flows.setEnum(flow, FlowField.NORMALIZED, 1);
        assertThat(Flows.samplingFactor(flow)).as("already multiplied").isEqualTo(1);
    }
}
