package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** The fast path must be there on the JVM and Connect version we build with, and only for our schema. */
class StructValuesTest {

    @Test
    void reachesTheValueArrayOfFlowStructsOnly() {
        assertThat(StructValues.available()).as("Struct.values reachable: the source path's fast lane").isTrue();
        Struct flow = FlowMessageSchema.newFlow();
        Object[] values = StructValues.of(flow);
        assertThat(values).hasSize(FlowField.all().length);
        values[FlowField.BYTES.ordinal()] = 1500L;
        assertThat(flow.get(FlowMessageSchema.field(FlowField.BYTES))).isEqualTo(1500L);
        assertThat(StructValues.of(new Struct(SchemaBuilder.struct().field("x", SchemaBuilder.int64()).build()))).isNull();
    }
}
