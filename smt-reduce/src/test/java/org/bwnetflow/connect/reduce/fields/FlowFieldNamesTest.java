package org.bwnetflow.connect.reduce.fields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bwnetflow.connect.model.EditDistance;
import org.bwnetflow.connect.model.FlowField;
import org.junit.jupiter.api.Test;

class FlowFieldNamesTest {

    @Test
    void parsesNamesTrimmedAndDeduplicated() {
        assertThat(FlowFieldNames.parse(List.of(" Cid", "SrcAddr ", "Cid"), f -> true, "a field"))
                .containsExactly(FlowField.SRC_ADDR, FlowField.CID);
    }

    @Test
    void suggestsTheClosestAllowedName() {
        assertThat(FlowFieldNames.closest("srcaddr", f -> true)).isEqualTo("SrcAddr");
        assertThat(FlowFieldNames.closest("DstPrt", f -> true)).isEqualTo("DstPort");
        assertThat(FlowFieldNames.closest("Sampleraddress", f -> true)).isEqualTo("SamplerAddress");
        assertThat(FlowFieldNames.closest("Xylophone", f -> true)).isNull();
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThatThrownBy(() -> FlowFieldNames.parse(List.of("Protocol"), f -> true, "a field"))
                .hasMessageContaining("'Protocol' is not a FlowMessage field");
    }

    @Test
    void reducedSchemasAreRecognisedByName() {
        assertThat(ReducedSchemas.isReduced(ReducedSchemas.of(java.util.EnumSet.of(FlowField.BYTES)))).isTrue();
        assertThat(ReducedSchemas.isFlowOrReduced(org.bwnetflow.connect.model.FlowMessageSchema.SCHEMA)).isTrue();
        assertThat(ReducedSchemas.isFlowOrReduced(org.apache.kafka.connect.data.Schema.BYTES_SCHEMA)).isFalse();
        assertThatThrownBy(() -> ReducedSchemas.of(java.util.EnumSet.noneOf(FlowField.class)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
