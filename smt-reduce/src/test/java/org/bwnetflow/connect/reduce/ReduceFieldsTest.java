package org.bwnetflow.connect.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.model.testing.TestFlows.address;
import static org.bwnetflow.connect.model.testing.TestFlows.fullFlow;
import static org.bwnetflow.connect.model.testing.TestFlows.record;
import static org.bwnetflow.connect.model.testing.TestFlows.validationErrors;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.reduce.fields.ReducedSchemas;
import org.bwnetflow.connect.model.testing.RecordingPluginMetrics;
import org.junit.jupiter.api.Test;

class ReduceFieldsTest {

    private static ReduceFields<SourceRecord> reduce(String key, String fields) {
        ReduceFields<SourceRecord> transform = new ReduceFields<>();
        transform.configure(Map.of(key, fields));
        return transform;
    }

    private static Struct reduced(ReduceFields<SourceRecord> transform, Struct flow) {
        return (Struct) transform.apply(record(flow)).value();
    }

    @Test
    void keepListKeepsThoseFieldsInFlowMessageOrderWithTheirSchemas() {
        ReduceFields<SourceRecord> transform = reduce(ReduceFields.FIELDS_KEEP, "Cid, SrcAddr,Bytes,ProtoName,Bytes");
        Struct out = reduced(transform, fullFlow());
        Schema schema = out.schema();
        assertThat(schema.name()).isEqualTo(FlowMessageSchema.NAME + ".Reduced").isEqualTo(ReducedSchemas.NAME);
        assertThat(schema.version()).isEqualTo(FlowMessageSchema.VERSION);
        assertThat(schema.fields()).extracting(Field::name).containsExactly("SrcAddr", "Bytes", "Cid", "ProtoName");
        for (Field field : schema.fields()) {
            FlowField flowField = Arrays.stream(FlowField.all()).filter(f -> f.fieldName().equals(field.name()))
                    .findFirst().orElseThrow();
            assertThat(field.schema()).isSameAs(FlowMessageSchema.field(flowField).schema());
        }
        assertThat(out.get("SrcAddr")).isEqualTo(address("192.0.2.77"));
        assertThat(out.get("Bytes")).isEqualTo(1500L);
        assertThat(out.get("Cid")).isEqualTo(42L);
        assertThat(out.get("ProtoName")).isEqualTo("TCP");
        out.validate();
        assertThat(transform.counter("reduced")).isEqualTo(1);
    }

    @Test
    void dropListKeepsEverythingElse() {
        Struct out = reduced(reduce(ReduceFields.FIELDS_DROP, "SamplerAddress,NextHop,SrcIfDesc"), fullFlow());
        assertThat(out.schema().fields()).hasSize(FlowField.all().length - 3);
        assertThat(out.schema().field("NextHop")).isNull();
        assertThat(out.schema().field("SrcIfDesc")).isNull();
        assertThat(out.get("DstAddr")).isEqualTo(address("2001:db8:1:2:3:4:5:6"));
        assertThat(out.get("InIf")).isEqualTo(7L);
        assertThat(out.get("DstPort")).isEqualTo(51234L);
        assertThat(out.get("OutIf")).as("unset in the flow: the default").isEqualTo(0L);
        assertThat(out.getWithoutDefault("OutIf")).as("and still unset").isNull();
        out.validate();
    }

    @Test
    void theSchemaIsBuiltOncePerFieldSetAndSharedAcrossInstances() {
        Schema a = reduce(ReduceFields.FIELDS_KEEP, "SrcAddr,Bytes").reducedSchema();
        Schema b = reduce(ReduceFields.FIELDS_KEEP, "Bytes, SrcAddr").reducedSchema();
        Schema c = reduce(ReduceFields.FIELDS_KEEP, "SrcAddr").reducedSchema();
        assertThat(a).isSameAs(b).isNotEqualTo(c);
        ReduceFields<SourceRecord> transform = reduce(ReduceFields.FIELDS_KEEP, "SrcAddr,Bytes");
        assertThat(reduced(transform, fullFlow()).schema()).isSameAs(reduced(transform, fullFlow()).schema())
                .isSameAs(a);
    }

    @Test
    void reducedRecordsPassUnchangedWhenAppliedAgain() {
        ReduceFields<SourceRecord> transform = reduce(ReduceFields.FIELDS_KEEP, "SrcAddr,DstAddr,Bytes");
        SourceRecord once = transform.apply(record(fullFlow()));
        SourceRecord twice = transform.apply(once);
        assertThat(twice).isSameAs(once);
        assertThat(transform.counter("reduced")).isEqualTo(1);
        assertThat(transform.counter("passed")).isEqualTo(1);
        // Another instance with the same configuration: the same schema, also passes.
        assertThat(reduce(ReduceFields.FIELDS_KEEP, "Bytes,DstAddr,SrcAddr").apply(once)).isSameAs(once);
    }

    @Test
    void aReducedFlowOfAnotherConfigurationIsReducedFurther() {
        SourceRecord first = reduce(ReduceFields.FIELDS_KEEP, "SrcAddr,DstAddr,Bytes,Cid").apply(record(fullFlow()));
        Struct second = (Struct) reduce(ReduceFields.FIELDS_KEEP, "SrcAddr,Bytes,Packets").apply(first).value();
        assertThat(second.schema().fields()).extracting(Field::name).containsExactly("SrcAddr", "Bytes", "Packets");
        assertThat(second.get("Bytes")).isEqualTo(1500L);
        assertThat(second.getWithoutDefault("Packets")).as("the input had no Packets").isNull();
    }

    @Test
    void theRecordKeepsItsTopicKeyTimestampAndHeaders() {
        SourceRecord in = new SourceRecord(Map.of("p", 1), Map.of("o", 2), "flows-42", 3, Schema.STRING_SCHEMA, "k",
                FlowMessageSchema.SCHEMA, fullFlow(), 1234L);
        in.headers().addString("trace", "x");
        SourceRecord out = reduce(ReduceFields.FIELDS_KEEP, "Bytes").apply(in);
        assertThat(out.topic()).isEqualTo("flows-42");
        assertThat(out.kafkaPartition()).isEqualTo(3);
        assertThat(out.key()).isEqualTo("k");
        assertThat(out.timestamp()).isEqualTo(1234L);
        assertThat(out.sourcePartition()).isEqualTo(Map.of("p", 1));
        assertThat(out.headers().lastWithName("trace").value()).isEqualTo("x");
        assertThat(out.valueSchema()).isSameAs(((Struct) out.value()).schema());
        assertThat(in.value()).as("the original flow is untouched").isInstanceOf(Struct.class);
        assertThat(Flows.number((Struct) in.value(), FlowField.CID)).isEqualTo(42);
    }

    @Test
    void reducedRecordsEncodeWithOnlyTheKeptFieldsAndDecodeBack() {
        Struct full = fullFlow();
        ReduceFields<SourceRecord> transform = reduce(ReduceFields.FIELDS_KEEP, "SrcAddr,DstAddr,Bytes,Cid");
        Struct out = reduced(transform, full);
        FlowMessageConverter converter = new FlowMessageConverter();
        converter.configure(Map.of(), false);
        byte[] reducedBytes = converter.fromConnectData("flows", out.schema(), out);
        byte[] fullBytes = FlowMessageCodec.encode(full);
        assertThat(reducedBytes).isEqualTo(FlowMessageCodec.encode(out));
        assertThat(reducedBytes.length).isLessThan(fullBytes.length);

        Struct decoded = FlowMessageCodec.decode(reducedBytes);
        assertThat(decoded.get("SrcAddr")).isEqualTo(address("192.0.2.77"));
        assertThat(decoded.get("DstAddr")).isEqualTo(address("2001:db8:1:2:3:4:5:6"));
        assertThat(decoded.get("Bytes")).isEqualTo(1500L);
        assertThat(decoded.get("Cid")).isEqualTo(42L);
        List<String> kept = List.of("SrcAddr", "DstAddr", "Bytes", "Cid");
        for (Field field : decoded.schema().fields()) {
            if (!kept.contains(field.name())) {
                assertThat(decoded.getWithoutDefault(field.name())).as("%s absent on the wire", field.name()).isNull();
            }
        }
    }

    @Test
    void exactlyOneOfKeepAndDropMustBeSet() {
        Map<String, String> both = Map.of(ReduceFields.FIELDS_KEEP, "Bytes", ReduceFields.FIELDS_DROP, "Cid");
        assertThatThrownBy(() -> new ReduceFields<SourceRecord>().configure(both)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ReduceFields.FIELDS_DROP).hasMessageContaining("not both");
        assertThatThrownBy(() -> new ReduceFields<SourceRecord>().configure(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining(ReduceFields.FIELDS_KEEP)
                .hasMessageContaining("set either");
    }

    @Test
    void unknownFieldNamesAreRejectedByTheValidatorWithACloseName() {
        List<String> errors = validationErrors(ReduceFields.CONFIG_DEF,
                Map.of(ReduceFields.FIELDS_KEEP, "SrcAddr,srcport"), ReduceFields.FIELDS_KEEP);
        assertThat(errors).singleElement().asString().contains(ReduceFields.FIELDS_KEEP).contains("'srcport'")
                .contains("did you mean 'SrcPort'?");
        errors = validationErrors(ReduceFields.CONFIG_DEF, Map.of(ReduceFields.FIELDS_DROP, "NextHopp"),
                ReduceFields.FIELDS_DROP);
        assertThat(errors).singleElement().asString().contains("'NextHopp'").contains("did you mean 'NextHop'?");
        errors = validationErrors(ReduceFields.CONFIG_DEF, Map.of(ReduceFields.FIELDS_DROP, "Colour"),
                ReduceFields.FIELDS_DROP);
        assertThat(errors).singleElement().asString().contains("'Colour' is not a FlowMessage field")
                .doesNotContain("did you mean");
        assertThatThrownBy(() -> reduce(ReduceFields.FIELDS_KEEP, "Byts")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ReduceFields.FIELDS_KEEP).hasMessageContaining("did you mean 'Bytes'?");
        assertThat(ReduceFields.CONFIG_DEF.configKeys().get(ReduceFields.FIELDS_KEEP).validator.toString())
                .contains("FlowMessage field names");
    }

    @Test
    void emptyListsAndDroppingEverythingAreRejected() {
        assertThatThrownBy(() -> reduce(ReduceFields.FIELDS_KEEP, "")).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ReduceFields.FIELDS_KEEP).hasMessageContaining("names no field");
        String all = String.join(",", Arrays.stream(FlowField.all()).map(FlowField::fieldName).toList());
        assertThatThrownBy(() -> reduce(ReduceFields.FIELDS_DROP, all)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(ReduceFields.FIELDS_DROP).hasMessageContaining("drops every field");
    }

    @Test
    void aValidConfigValidatesCleanly() {
        Map<String, String> config = new HashMap<>(Map.of(ReduceFields.FIELDS_KEEP, "SrcAddr,Bytes"));
        assertThat(ReduceFields.CONFIG_DEF.validate(config)).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
    }

    @Test
    void isVersionedAndReportsItsCountersAsPluginMetricsUntilClosed() {
        ReduceFields<SourceRecord> transform = reduce(ReduceFields.FIELDS_KEEP, "Bytes");
        assertThat(transform.version()).isEqualTo(Version.get());
        RecordingPluginMetrics metrics = new RecordingPluginMetrics();
        transform.withPluginMetrics(metrics);
        assertThat(metrics.names()).containsExactly("reduced", "passed");
        transform.apply(record(fullFlow()));
        assertThat(metrics.value("reduced")).isEqualTo(1L);
        transform.close();
        assertThat(metrics.names()).isEmpty();
    }
}
