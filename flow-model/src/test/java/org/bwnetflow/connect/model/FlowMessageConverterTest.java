package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class FlowMessageConverterTest {

    private final FlowMessageConverter converter = new FlowMessageConverter();

    @Test
    void roundTripsAFlowThroughKafkaBytes() {
        converter.configure(Map.of(), false);
        Struct flow = FlowMessageCodecTest.fullFlow();
        byte[] bytes = converter.fromConnectData("flows", FlowMessageSchema.SCHEMA, flow);
        SchemaAndValue back = converter.toConnectData("flows", bytes);
        assertThat(back.schema()).isSameAs(FlowMessageSchema.SCHEMA);
        assertThat(back.value()).isEqualTo(flow);
    }

    @Test
    void tombstonesStayNull() {
        assertThat(converter.fromConnectData("flows", null, null)).isNull();
        assertThat(converter.toConnectData("flows", null)).isEqualTo(SchemaAndValue.NULL);
    }

    @Test
    void aValueThatIsNotAFlowIsRejectedWithTheTopicNamed() {
        assertThatThrownBy(() -> converter.fromConnectData("flows-7", null, "text"))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("flows-7")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void jsonConverterCarriesTheSameFlowForDebugging() {
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true"), false);
        Struct flow = FlowMessageCodecTest.fullFlow();
        SchemaAndValue viaJson = json.toConnectData("t", json.fromConnectData("t", FlowMessageSchema.SCHEMA, flow));
        byte[] protobuf = converter.fromConnectData("t", viaJson.schema(), viaJson.value());
        assertThat(converter.toConnectData("t", protobuf).value()).isEqualTo(flow);
    }

    @Test
    void reportsTheProjectVersion() {
        assertThat(converter.version()).isEqualTo(Version.get()).doesNotContain("${").isNotEqualTo("unknown");
    }
}
