package org.bwnetflow.connect.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.tenant.testing.TenantFlows.flow;
import static org.bwnetflow.connect.tenant.testing.TenantFlows.record;
import static org.bwnetflow.connect.tenant.testing.TenantFlows.recordInPartition;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.tenant.testing.TenantFlows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantRouterTest {

    private static TenantRouter<SourceRecord> router(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        TenantRouter<SourceRecord> router = new TenantRouter<>();
        router.configure(config);
        return router;
    }

    @Test
    void routesAFlowToItsCustomersTopic() {
        TenantRouter<SourceRecord> router = router();
        SourceRecord in = record(flow(1000));
        SourceRecord out = router.apply(in);
        assertThat(out.topic()).isEqualTo("flows-1000");
        assertThat(out.value()).isSameAs(in.value());
        assertThat(out.valueSchema()).isSameAs(in.valueSchema());
        assertThat(out.sourcePartition()).isEqualTo(in.sourcePartition());
        assertThat(router.apply(record(flow(4_294_967_295L))).topic()).isEqualTo("flows-4294967295");
        assertThat(router.counter("routed")).isEqualTo(2);
    }

    @Test
    void theSourcesIngestHealthRecordsStayOnTheirTopic() {
        TenantRouter<SourceRecord> router = router();
        SourceRecord in = TestFlows.ingestHealthRecord();
        assertThat(router.apply(in)).isSameAs(in);
        assertThat(router.counter("routed") + router.counter("unassigned")).isZero();
    }

    @Test
    void theTopicPrefixIsConfigurableAndTheNameIsBuiltOnce() {
        TenantRouter<SourceRecord> router = router(TenantRouter.TOPIC_PREFIX, "tenant.flows.");
        String first = router.apply(record(flow(42))).topic();
        assertThat(first).isEqualTo("tenant.flows.42");
        assertThat(router.apply(record(flow(42))).topic()).isSameAs(first);
    }

    @Test
    void keepsKeyTimestampAndHeaders() {
        SourceRecord in = new SourceRecord(Map.of(), Map.of(), "flows", null, Schema.STRING_SCHEMA, "192.0.2.1",
                TenantFlows.REDUCED, new Struct(TenantFlows.REDUCED).put("Cid", 7L), 1_700_000_000_000L);
        in.headers().addString("h", "v");
        SourceRecord out = router().apply(in);
        assertThat(out.topic()).isEqualTo("flows-7");
        assertThat(out.key()).isEqualTo("192.0.2.1");
        assertThat(out.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(out.headers().lastWithName("h").value()).isEqualTo("v");
    }

    @Test
    void flowsWithoutACustomerGoToTheUnassignedTopic() {
        TenantRouter<SourceRecord> router = router(TenantRouter.TENANTS, "1000,1200-1299");
        assertThat(router.apply(record(flow(0))).topic()).isEqualTo("flows-unassigned");
        assertThat(router.apply(record(flow(1100))).topic()).isEqualTo("flows-unassigned");
        assertThat(router.apply(record(flow(1250))).topic()).isEqualTo("flows-1250");
        assertThat(router.apply(record(flow(1000))).topic()).isEqualTo("flows-1000");
        assertThat(router.counter("unassigned")).isEqualTo(2);
        assertThat(router.counter("routed")).isEqualTo(2);
        assertThat(router(TenantRouter.UNASSIGNED_TOPIC, "nobody").apply(record(flow(0))).topic()).isEqualTo("nobody");
    }

    @Test
    void orAreDropped() {
        TenantRouter<SourceRecord> router = router(TenantRouter.TENANTS, "1000", TenantRouter.UNASSIGNED_ACTION, "DROP");
        assertThat(router.apply(record(flow(0)))).isNull();
        assertThat(router.apply(record(flow(1001)))).isNull();
        assertThat(router.apply(record(flow(1000))).topic()).isEqualTo("flows-1000");
        assertThat(router.counter("dropped")).isEqualTo(2);
        assertThat(router.counter("unassigned")).isZero();
    }

    @Test
    void clearsThePartitionUnlessToldToKeepIt() {
        SourceRecord in = recordInPartition(11, null, FlowMessageCodec.encode(flow(5)));
        assertThat(router().apply(in).kafkaPartition()).isNull();
        SourceRecord kept = router(TenantRouter.KEEP_PARTITION, "true").apply(in);
        assertThat(kept.topic()).isEqualTo("flows-5");
        assertThat(kept.kafkaPartition()).isEqualTo(11);
    }

    @Test
    void routingTwiceGivesTheSameTopic() {
        TenantRouter<SourceRecord> router = router(TenantRouter.TENANTS, "1-10");
        SourceRecord once = router.apply(recordInPartition(3, null, FlowMessageCodec.encode(flow(5))));
        SourceRecord twice = router.apply(once);
        assertThat(twice.topic()).isEqualTo(once.topic()).isEqualTo("flows-5");
        assertThat(twice.kafkaPartition()).isNull();
        SourceRecord unassigned = router.apply(router.apply(record(flow(0))));
        assertThat(unassigned.topic()).isEqualTo("flows-unassigned");
    }

    @Test
    void routesAnyStructWithACidField() {
        TenantRouter<SourceRecord> router = router();
        Struct reduced = new Struct(TenantFlows.REDUCED).put("Cid", 1000L).put("Bytes", 1500L);
        assertThat(router.apply(record(TenantFlows.REDUCED, reduced)).topic()).isEqualTo("flows-1000");
        Struct unset = new Struct(TenantFlows.REDUCED).put("Bytes", 1500L);
        assertThat(router.apply(record(TenantFlows.REDUCED, unset)).topic()).isEqualTo("flows-unassigned");
        Schema int32 = SchemaBuilder.struct().field("Cid", Schema.INT32_SCHEMA).build();
        assertThat(router.apply(record(int32, new Struct(int32).put("Cid", -1))).topic()).isEqualTo("flows-4294967295");
        Schema text = SchemaBuilder.struct().field("Cid", Schema.STRING_SCHEMA).build();
        assertThatThrownBy(() -> router.apply(record(text, new Struct(text).put("Cid", "1000"))))
                .isInstanceOf(DataException.class).hasMessageContaining("not an integer");
    }

    @Test
    void routesRawFlowMessageBytesReadingOnlyTheCid() {
        TenantRouter<SourceRecord> router = router();
        byte[] bytes = FlowMessageCodec.encode(flow(1000));
        SourceRecord out = router.apply(record(Schema.BYTES_SCHEMA, bytes));
        assertThat(out.topic()).isEqualTo("flows-1000");
        assertThat(out.value()).isSameAs(bytes);
        assertThat(router.apply(record(null, ByteBuffer.wrap(bytes))).topic()).isEqualTo("flows-1000");
        assertThat(router.apply(record(null, FlowMessageCodec.encode(flow(0)))).topic()).isEqualTo("flows-unassigned");
    }

    @Test
    void bytesThatAreNotAFlowMessageFail() {
        TenantRouter<SourceRecord> router = router(FlowRecordAccess.ON_OTHER_RECORDS, "pass");
        byte[] truncated = java.util.Arrays.copyOf(FlowMessageCodec.encode(flow(1000)), 5);
        assertThatThrownBy(() -> router.apply(record(Schema.BYTES_SCHEMA, truncated)))
                .isInstanceOf(DataException.class).hasMessageStartingWith("not a FlowMessage (5 bytes");
    }

    @Test
    void otherRecordsFailOrPass() {
        Schema other = SchemaBuilder.struct().name("other.Thing").field("x", Schema.INT32_SCHEMA).build();
        List<SourceRecord> records = List.of(record(other, new Struct(other).put("x", 1)),
                record(null, "hello"), record(null, null));
        TenantRouter<SourceRecord> failing = router();
        assertThatThrownBy(() -> failing.apply(records.get(0))).isInstanceOf(DataException.class)
                .hasMessageStartingWith("TenantRouter works on FlowMessage records only, but got a Struct of schema "
                        + "other.Thing");
        assertThatThrownBy(() -> failing.apply(records.get(1))).hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> failing.apply(records.get(2))).hasMessageContaining("tombstone");
        TenantRouter<SourceRecord> passing = router(FlowRecordAccess.ON_OTHER_RECORDS, "pass");
        for (SourceRecord in : records) {
            assertThat(passing.apply(in)).isSameAs(in);
        }
        assertThat(passing.counter("routed") + passing.counter("unassigned") + passing.counter("dropped")).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "tenants | 1000,1299-1200 | '1299-1200' is a reversed range",
        "tenants | 1000,abc | 'abc': 'abc' is not a customer id",
        "tenants | 0 | 0 is not a customer id",
        "tenants | 4294967296 | is above 4294967295",
        "topic.prefix | flows/ | '/' at position 5 is not allowed",
        "unassigned.topic | no tenant | ' ' at position 2 is not allowed",
        "unassigned.action | keep | String must be one of",
        "keep.partition | maybe | Expected value to be either true or false"})
    void badConfigIsRejectedNamingTheKeyAndEntry(String key, String value, String message) {
        assertThatThrownBy(() -> router(key, value)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(key).hasMessageContaining(message);
        Map<String, ConfigValue> validated = TenantRouter.CONFIG_DEF.validate(Map.of(key, value)).stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertThat(validated.get(key).errorMessages()).anySatisfy(m -> assertThat(m).contains(message));
    }

    @Test
    void aTooLongPrefixIsRejectedAtValidation() {
        assertThat(router(TenantRouter.TOPIC_PREFIX, "p".repeat(239)).apply(record(flow(4_294_967_295L))).topic())
                .hasSize(249);
        assertThatThrownBy(() -> router(TenantRouter.TOPIC_PREFIX, "p".repeat(240)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at most 239");
        assertThatThrownBy(() -> router(TenantRouter.UNASSIGNED_TOPIC, "u".repeat(250)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at most 249");
    }

    @Test
    void everyConfigKeyIsDocumented() {
        TenantRouter<SourceRecord> router = router();
        assertThat(router.config()).isSameAs(TenantRouter.CONFIG_DEF);
        for (ConfigDef.ConfigKey key : TenantRouter.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
        }
        assertThat(TenantRouter.CONFIG_DEF.names()).contains(TenantRouter.TOPIC_PREFIX, TenantRouter.TENANTS,
                TenantRouter.UNASSIGNED_ACTION, TenantRouter.UNASSIGNED_TOPIC, TenantRouter.KEEP_PARTITION,
                FlowRecordAccess.ON_OTHER_RECORDS);
        assertThat(router.version()).isNotBlank();
        router.close();
    }

    @Test
    @SuppressWarnings("rawtypes")
    void isListedForServiceLoading() {
        List<String> names = StreamSupport.stream(ServiceLoader.load(Transformation.class).spliterator(), false)
                .map(t -> t.getClass().getName()).collect(Collectors.toList());
        assertThat(names).contains(TenantRouter.class.getName());
    }
}
