package org.bwnetflow.connect.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.model.testing.TestFlows.address;
import static org.bwnetflow.connect.model.testing.TestFlows.flow;
import static org.bwnetflow.connect.model.testing.TestFlows.fullFlow;
import static org.bwnetflow.connect.model.testing.TestFlows.record;
import static org.bwnetflow.connect.model.testing.TestFlows.snapshot;
import static org.bwnetflow.connect.model.testing.TestFlows.text;
import static org.bwnetflow.connect.model.testing.TestFlows.validationErrors;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.reduce.anonymize.AnonymizationMark;
import org.bwnetflow.connect.model.testing.RecordingPluginMetrics;
import org.junit.jupiter.api.Test;

class AnonymizeTest {

    /** The reference key of the Crypto-PAn test vectors, as hex and as base64. */
    static final String KEY_HEX = "1522178d33a4cf80130a5b1649907d10d8988f83797965276257 4c2d2a842202".replace(" ", "");
    static final String KEY_BASE64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(KEY_HEX));

    private static Anonymize<SourceRecord> anonymize(Map<String, String> config) {
        Anonymize<SourceRecord> transform = new Anonymize<>();
        transform.configure(config);
        return transform;
    }

    private static Anonymize<SourceRecord> cryptoPan(String key) {
        return anonymize(Map.of(Anonymize.METHOD, "CryptoPAn", Anonymize.CRYPTOPAN_KEY, key));
    }

    private static String addr(Struct flow, FlowField field) {
        return text(Flows.bytes(flow, field));
    }

    @Test
    void truncatesTheDefaultAddressFieldsToSlash24AndSlash64() {
        Struct flow = fullFlow();
        byte[] originalSrc = Flows.bytes(flow, FlowField.SRC_ADDR);
        byte[] before = originalSrc.clone();
        Anonymize<SourceRecord> transform = anonymize(Map.of());
        SourceRecord in = record(flow);
        assertThat(transform.apply(in)).isSameAs(in);
        assertThat(addr(flow, FlowField.SRC_ADDR)).isEqualTo("192.0.2.0");
        assertThat(addr(flow, FlowField.DST_ADDR)).isEqualTo("2001:db8:1:2:0:0:0:0");
        assertThat(addr(flow, FlowField.SAMPLER_ADDRESS)).isEqualTo("198.51.100.0");
        assertThat(addr(flow, FlowField.NEXT_HOP)).isEqualTo("203.0.113.0");
        assertThat(originalSrc).as("the old array is never written to").isEqualTo(before);
        assertThat(Flows.number(flow, FlowField.BYTES)).isEqualTo(1500);
        assertThat(in.headers().isEmpty()).as("truncation needs no mark").isTrue();
        assertThat(transform.counter("anonymized")).isEqualTo(1);
        flow.validate();
    }

    @Test
    void truncationHonoursPrefixLengthsAndChosenFieldsAndIsIdempotent() {
        Anonymize<SourceRecord> transform = anonymize(Map.of(Anonymize.FIELDS, "SrcAddr,DstAddr",
                Anonymize.TRUNCATE_IPV4_PREFIX, "20", Anonymize.TRUNCATE_IPV6_PREFIX, "36"));
        Struct flow = fullFlow();
        transform.apply(record(flow));
        assertThat(addr(flow, FlowField.SRC_ADDR)).isEqualTo("192.0.0.0");
        assertThat(addr(flow, FlowField.DST_ADDR)).isEqualTo("2001:db8:0:0:0:0:0:0");
        assertThat(addr(flow, FlowField.NEXT_HOP)).as("not chosen").isEqualTo("203.0.113.9");
        Map<String, String> once = snapshot(flow);
        transform.apply(record(flow));
        assertThat(snapshot(flow)).isEqualTo(once);
        Struct zero = flow("192.0.2.77", "::1");
        anonymize(Map.of(Anonymize.TRUNCATE_IPV4_PREFIX, "0", Anonymize.TRUNCATE_IPV6_PREFIX, "128"))
                .apply(record(zero));
        assertThat(addr(zero, FlowField.SRC_ADDR)).isEqualTo("0.0.0.0");
        assertThat(addr(zero, FlowField.DST_ADDR)).isEqualTo("0:0:0:0:0:0:0:1");
    }

    @Test
    void cryptoPanGivesTheReferencePseudonymsWithAHexOrBase64Key() {
        for (String key : List.of(KEY_HEX, KEY_BASE64, " " + KEY_HEX.toUpperCase() + "\n")) {
            Struct flow = flow("128.11.68.132", "2001:db8::1");
            Flows.setBytes(flow, FlowField.SAMPLER_ADDRESS, address("141.223.7.43"));
            cryptoPan(key).apply(record(flow));
            assertThat(addr(flow, FlowField.SRC_ADDR)).isEqualTo("135.242.180.132");
            assertThat(addr(flow, FlowField.DST_ADDR)).isEqualTo("4401:2bc:603f:d91d:27f:ff8e:e6f1:dc1e");
            assertThat(addr(flow, FlowField.SAMPLER_ADDRESS)).isEqualTo("141.167.8.160");
            assertThat(Flows.bytes(flow, FlowField.NEXT_HOP)).as("unset stays unset").isEmpty();
        }
    }

    @Test
    void cryptoPanMarksRecordsAndSkipsMarkedOnesWhenAppliedAgain() {
        Anonymize<SourceRecord> transform = cryptoPan(KEY_HEX);
        Struct flow = flow("128.11.68.132", "129.118.74.4");
        SourceRecord in = record(flow);
        SourceRecord out = transform.apply(in);
        assertThat(out).isSameAs(in);
        String mark = AnonymizationMark.of(in.headers());
        assertThat(mark).startsWith("cryptopan-v1:");
        Map<String, String> once = snapshot(flow);

        // A retry applies the transform to the same record again; so does a second Anonymize in the chain.
        assertThat(transform.apply(in)).isSameAs(in);
        assertThat(cryptoPan(KEY_BASE64).apply(in)).isSameAs(in);
        assertThat(snapshot(flow)).isEqualTo(once);
        assertThat(addr(flow, FlowField.SRC_ADDR)).isEqualTo("135.242.180.132");
        assertThat(transform.counter("anonymized")).isEqualTo(1);
        assertThat(transform.counter("skipped-already")).isEqualTo(1);

        // The mark survives newRecord (as later transforms and the worker copy records).
        SourceRecord copy = in.newRecord("flows-1", null, null, null, in.valueSchema(), flow, null);
        assertThat(transform.apply(copy)).isSameAs(copy);
        assertThat(addr(flow, FlowField.SRC_ADDR)).isEqualTo("135.242.180.132");
        assertThat(in.headers().allWithName(AnonymizationMark.HEADER)).toIterable().hasSize(1);
    }

    @Test
    void aForgedOrForeignMarkDoesNotLetRealAddressesThrough() {
        Anonymize<SourceRecord> transform = cryptoPan(KEY_HEX);
        Struct flow = flow("128.11.68.132", "129.118.74.4");
        SourceRecord in = record(flow);
        in.headers().addString(AnonymizationMark.HEADER, "cryptopan-v1:AAAAAAAAAAAAAAAAAAAAAA");
        transform.apply(in);
        assertThat(addr(flow, FlowField.SRC_ADDR)).isEqualTo("135.242.180.132");
        assertThat(transform.counter("mark-invalid")).isEqualTo(1);
        assertThat(in.headers().allWithName(AnonymizationMark.HEADER)).toIterable().hasSize(1);
        assertThat(AnonymizationMark.of(in.headers())).isNotEqualTo("cryptopan-v1:AAAAAAAAAAAAAAAAAAAAAA");

        // A mark made with another key does not count either: that pipeline's key is not ours.
        Struct other = flow("128.11.68.132", "129.118.74.4");
        SourceRecord foreign = record(other);
        cryptoPan("ab".repeat(32)).apply(foreign);
        String foreignPseudonym = addr(other, FlowField.SRC_ADDR);
        transform.apply(foreign);
        assertThat(addr(other, FlowField.SRC_ADDR)).isNotEqualTo(foreignPseudonym);
        assertThat(transform.counter("mark-invalid")).isEqualTo(2);

        // A mark as bytes (as after a Kafka hop with a bytes header converter) is read too.
        Struct hopped = flow("128.11.68.132", "129.118.74.4");
        SourceRecord first = record(hopped);
        transform.apply(first);
        SourceRecord second = record(hopped);
        second.headers().addBytes(AnonymizationMark.HEADER, AnonymizationMark.of(first.headers()).getBytes());
        assertThat(transform.apply(second)).isSameAs(second);
        assertThat(addr(hopped, FlowField.SRC_ADDR)).isEqualTo("135.242.180.132");
    }

    @Test
    void worksOnReducedFlowsAndSkipsFieldsTheyLack() {
        ReduceFields<SourceRecord> reduce = new ReduceFields<>();
        reduce.configure(Map.of(ReduceFields.FIELDS_KEEP, "SrcAddr,Bytes,Cid"));
        SourceRecord reduced = reduce.apply(record(fullFlow()));
        Struct value = (Struct) reduced.value();
        Anonymize<SourceRecord> transform = cryptoPan(KEY_HEX);
        assertThat(transform.apply(reduced)).isSameAs(reduced);
        assertThat(text((byte[]) value.get("SrcAddr"))).isNotEqualTo("192.0.2.77");
        assertThat(value.get("Bytes")).isEqualTo(1500L);
        value.validate();
        assertThat(transform.apply(reduced)).isSameAs(reduced);
        assertThat(transform.counter("skipped-already")).isEqualTo(1);

        Struct truncated = (Struct) reduce.apply(record(fullFlow())).value();
        anonymize(Map.of()).apply(new SourceRecord(Map.of(), Map.of(), "t", null, null, null, truncated.schema(),
                truncated));
        assertThat(text((byte[]) truncated.get("SrcAddr"))).isEqualTo("192.0.2.0");
    }

    @Test
    void byteBufferValuesAndOddLengthsAreHandled() {
        Schema schema = SchemaBuilder.struct().name(FlowMessageSchema.NAME + ".Reduced")
                .field("SrcAddr", Schema.BYTES_SCHEMA).field("DstAddr", Schema.BYTES_SCHEMA).build();
        Struct value = new Struct(schema).put("SrcAddr", ByteBuffer.wrap(address("192.0.2.77")))
                .put("DstAddr", new byte[] {1, 2, 3, 4, 5, 6});
        Anonymize<SourceRecord> transform = anonymize(Map.of());
        transform.apply(new SourceRecord(Map.of(), Map.of(), "t", null, null, null, schema, value));
        assertThat(text((byte[]) value.get("SrcAddr"))).isEqualTo("192.0.2.0");
        assertThat((byte[]) value.get("DstAddr")).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(transform.counter("unparseable")).isEqualTo(1);
    }

    @Test
    void anEqualButNotIdenticalFlowSchemaIsAnonymizedThroughPut() {
        SchemaBuilder builder = SchemaBuilder.struct().name(FlowMessageSchema.NAME).version(FlowMessageSchema.VERSION);
        FlowMessageSchema.SCHEMA.fields().forEach(f -> builder.field(f.name(), f.schema()));
        Struct flow = new Struct(builder.build());
        flow.put("SrcAddr", address("192.0.2.77"));
        anonymize(Map.of()).apply(new SourceRecord(Map.of(), Map.of(), "t", null, null, null, flow.schema(), flow));
        assertThat(text((byte[]) flow.get("SrcAddr"))).isEqualTo("192.0.2.0");
    }

    @Test
    void fieldsMustBeKnownAddressFields() {
        assertThat(validationErrors(Anonymize.CONFIG_DEF, Map.of(Anonymize.FIELDS, "SrcAddr,Bytes"), Anonymize.FIELDS))
                .singleElement().asString().contains(Anonymize.FIELDS).contains("'Bytes' is not an address field")
                .contains("SrcAddr,DstAddr,SamplerAddress,NextHop");
        assertThat(validationErrors(Anonymize.CONFIG_DEF, Map.of(Anonymize.FIELDS, "SrcAdress"), Anonymize.FIELDS))
                .singleElement().asString().contains("'SrcAdress'").contains("did you mean 'SrcAddr'?");
        assertThat(validationErrors(Anonymize.CONFIG_DEF, Map.of(Anonymize.FIELDS, ""), Anonymize.FIELDS))
                .singleElement().asString().contains("names no field");
        assertThatThrownBy(() -> anonymize(Map.of(Anonymize.FIELDS, "Cid"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining(Anonymize.FIELDS).hasMessageContaining("not an address field");
        assertThat(anonymize(Map.of(Anonymize.FIELDS, "NextHop, SrcAddr")).fields())
                .containsExactly(FlowField.SRC_ADDR, FlowField.NEXT_HOP);
    }

    @Test
    void methodAndPrefixLengthsAreChecked() {
        assertThat(validationErrors(Anonymize.CONFIG_DEF, Map.of(Anonymize.METHOD, "hash"), Anonymize.METHOD))
                .singleElement().asString().contains(Anonymize.METHOD);
        assertThat(validationErrors(Anonymize.CONFIG_DEF, Map.of(Anonymize.TRUNCATE_IPV4_PREFIX, "33"),
                Anonymize.TRUNCATE_IPV4_PREFIX)).singleElement().asString().contains("no more than 32");
        assertThat(validationErrors(Anonymize.CONFIG_DEF, Map.of(Anonymize.TRUNCATE_IPV6_PREFIX, "-1"),
                Anonymize.TRUNCATE_IPV6_PREFIX)).singleElement().asString().contains("at least 0");
    }

    @Test
    void aBadKeyIsRejectedWithoutShowingIt() {
        String secretLooking = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeZZ";
        for (String bad : List.of(secretLooking, KEY_HEX.substring(2), "c2VjcmV0LXNlY3JldC1zZWNyZXQ=", "%%%%%%%%")) {
            List<String> errors = validationErrors(Anonymize.CONFIG_DEF,
                    Map.of(Anonymize.METHOD, "cryptopan", Anonymize.CRYPTOPAN_KEY, bad), Anonymize.CRYPTOPAN_KEY);
            assertThat(errors).singleElement().asString().contains(Anonymize.CRYPTOPAN_KEY).contains("[hidden]")
                    .contains("64 hex digits").doesNotContain(bad).doesNotContain(bad.substring(0, 8));
            assertThatThrownBy(() -> cryptoPan(bad)).isInstanceOf(ConfigException.class)
                    .hasMessageContaining(Anonymize.CRYPTOPAN_KEY).satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(bad).doesNotContain(bad.substring(0, 8)));
        }
    }

    @Test
    void theKeyIsRequiredWithCryptoPanAndCheckedWhenTheTransformStarts() {
        Map<String, String> config = Map.of(Anonymize.METHOD, "cryptopan");
        assertThat(validationErrors(Anonymize.CONFIG_DEF, config, Anonymize.CRYPTOPAN_KEY))
                .as("a per-key validator cannot see method: validate passes").isEmpty();
        assertThatThrownBy(() -> anonymize(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(Anonymize.CRYPTOPAN_KEY).hasMessageContaining("required with method=cryptopan");
        assertThatThrownBy(() -> anonymize(Map.of(Anonymize.METHOD, "cryptopan", Anonymize.CRYPTOPAN_KEY, " ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(Anonymize.CRYPTOPAN_KEY);
        // With truncate, a key is allowed and unused.
        Struct flow = flow("192.0.2.77", "198.51.100.1");
        anonymize(Map.of(Anonymize.CRYPTOPAN_KEY, KEY_HEX)).apply(record(flow));
        assertThat(addr(flow, FlowField.SRC_ADDR)).isEqualTo("192.0.2.0");
    }

    @Test
    void theKeyNeverShowsInToStringOrTheConfigDescription() {
        Anonymize<SourceRecord> transform = cryptoPan(KEY_HEX);
        assertThat(transform.toString()).doesNotContain(KEY_HEX.substring(0, 8));
        Map<String, String> props = new HashMap<>(Map.of(Anonymize.CRYPTOPAN_KEY, KEY_HEX));
        assertThat(new org.apache.kafka.common.config.AbstractConfig(Anonymize.CONFIG_DEF, props).values().toString())
                .doesNotContain(KEY_HEX).contains("[hidden]");
        assertThat(Anonymize.CONFIG_DEF.configKeys().get(Anonymize.CRYPTOPAN_KEY).validator.toString())
                .contains("64 hex digits");
    }

    @Test
    void isVersionedAndReportsItsCountersAsPluginMetricsUntilClosed() {
        Anonymize<SourceRecord> transform = cryptoPan(KEY_HEX);
        assertThat(transform.version()).isEqualTo(Version.get());
        RecordingPluginMetrics metrics = new RecordingPluginMetrics();
        transform.withPluginMetrics(metrics);
        assertThat(metrics.names()).containsExactly("anonymized", "skipped-already", "mark-invalid", "unparseable");
        SourceRecord in = record(flow("192.0.2.1", "192.0.2.2"));
        transform.apply(in);
        transform.apply(in);
        assertThat(metrics.value("anonymized")).isEqualTo(1L);
        assertThat(metrics.value("skipped-already")).isEqualTo(1L);
        transform.close();
        assertThat(metrics.names()).isEmpty();
    }
}
