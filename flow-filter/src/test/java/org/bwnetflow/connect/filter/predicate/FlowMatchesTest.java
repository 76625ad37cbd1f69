package org.bwnetflow.connect.filter.predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.IngestHealth;
import org.junit.jupiter.api.Test;

class FlowMatchesTest {

    private static final String DNS = "proto udp and dst port 53";

    private static FlowMatches<SourceRecord> predicate(String filter, String... more) {
        Map<String, String> config = new HashMap<>(Map.of(FlowMatches.FILTER, filter));
        for (int i = 0; i < more.length; i += 2) {
            config.put(more[i], more[i + 1]);
        }
        FlowMatches<SourceRecord> predicate = new FlowMatches<>();
        predicate.configure(config);
        return predicate;
    }

    private static Struct flow(String src, String dst, int proto, int dstPort) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setBytes(flow, FlowField.SRC_ADDR, address(src));
        Flows.setBytes(flow, FlowField.DST_ADDR, address(dst));
        Flows.setNumber(flow, FlowField.PROTO, proto);
        Flows.setNumber(flow, FlowField.DST_PORT, dstPort);
        Flows.setNumber(flow, FlowField.BYTES, 1500);
        return flow;
    }

    private static byte[] address(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(Map.of(), Map.of(), "flows", null, null, null, schema, value);
    }

    private static SourceRecord structRecord(Struct flow) {
        return record(flow.schema(), flow);
    }

    private static SourceRecord bytesRecord(Struct flow) {
        return record(Schema.BYTES_SCHEMA, FlowMessageCodec.encode(flow));
    }

    private static final List<Struct> FLOWS = List.of(
            flow("10.0.0.1", "192.0.2.53", 17, 53),
            flow("10.0.0.1", "192.0.2.53", 6, 53),
            flow("2001:db8::1", "2001:db8::53", 17, 53),
            flow("10.0.0.2", "192.0.2.80", 17, 123));

    @Test
    void holdsForTheFlowsTheFilterMatchesOnStructsAndOnBytesAlike() {
        FlowMatches<SourceRecord> dns = predicate(DNS);

        assertThat(FLOWS.stream().map(f -> dns.test(structRecord(f))).toList()).containsExactly(true, false, true, false);
        assertThat(FLOWS.stream().map(f -> dns.test(bytesRecord(f))).toList()).containsExactly(true, false, true, false);
        assertThat(dns.counter("matched")).isEqualTo(4);
        assertThat(dns.counter("not-matched")).isEqualTo(4);
        assertThat(dns.filter()).hasToString("Proto = 17 and DstPort = 53");
    }

    @Test
    void aReducedFlowIsAFlow() {
        Schema reduced = SchemaBuilder.struct().name(FlowMessageSchema.NAME + ".Reduced")
                .field("Proto", Schema.INT64_SCHEMA).field("DstPort", Schema.INT64_SCHEMA).build();
        Struct flow = new Struct(reduced).put("Proto", 17L).put("DstPort", 53L);

        assertThat(predicate(DNS).test(record(reduced, flow))).isTrue();
        assertThat(predicate("proto tcp").test(record(reduced, flow))).isFalse();
    }

    @Test
    void anEmptyFilterHoldsForEveryFlow() {
        FlowMatches<SourceRecord> all = predicate("");

        assertThat(FLOWS).allMatch(f -> all.test(structRecord(f)) && all.test(bytesRecord(f)));
    }

    @Test
    void recordsThatAreNoFlowsGetTheConfiguredAnswer() {
        Struct health = IngestHealth.newRecord(1, 1000, "netflow", 0, "*");
        ConnectHeaders healthHeaders = new ConnectHeaders();
        healthHeaders.addBytes(FlowMessageConverter.RECORD_HEADER, FlowMessageConverter.INGEST_HEALTH.getBytes(StandardCharsets.UTF_8));
        SourceRecord healthBytes = new SourceRecord(Map.of(), Map.of(), "_ingest-health", null, null, null,
                Schema.BYTES_SCHEMA, new byte[] {8, 1}, null, healthHeaders);
        List<SourceRecord> others = List.of(record(null, null), record(health.schema(), health), healthBytes,
                record(Schema.STRING_SCHEMA, "text"), record(SchemaBuilder.struct().name("other").build(),
                        new Struct(SchemaBuilder.struct().name("other").build())));

        FlowMatches<SourceRecord> byDefault = predicate("any");
        assertThat(others).noneMatch(byDefault::test);
        assertThat(byDefault.counter("other-records")).isEqualTo(others.size());
        FlowMatches<SourceRecord> keep = predicate("any", FlowMatches.ON_OTHER_RECORDS, "TRUE");
        assertThat(others).allMatch(keep::test);
        FlowMatches<SourceRecord> fail = predicate("any", FlowMatches.ON_OTHER_RECORDS, "fail");
        for (SourceRecord other : others) {
            assertThatThrownBy(() -> fail.test(other)).isInstanceOf(DataException.class)
                    .hasMessageContaining("FlowMatches works on flows only").hasMessageContaining(FlowMatches.ON_OTHER_RECORDS);
        }
    }

    @Test
    void bytesThatAreNoFlowMessageMatchNothing() {
        SourceRecord garbage = record(Schema.BYTES_SCHEMA, new byte[] {(byte) 0xff, (byte) 0xff});

        assertThat(predicate("any").test(garbage)).isFalse();
        assertThat(predicate("not proto udp", FlowMatches.ON_OTHER_RECORDS, "true").test(garbage)).isFalse();
    }

    @Test
    void aBadFilterIsRefusedByTheValidatorWithItsPosition() {
        Map<String, ConfigValue> validated = new HashMap<>();
        for (ConfigValue value : FlowMatches.CONFIG_DEF.validate(Map.of(FlowMatches.FILTER,
                "src net 10.0.0.0/8 and port udp"))) {
            validated.put(value.name(), value);
        }

        assertThat(validated.get(FlowMatches.FILTER).errorMessages()).singleElement().asString()
                .contains("filter", "at 28: expected a port number or 'in', found 'udp'");
        assertThat(validated.get(FlowMatches.ON_OTHER_RECORDS).errorMessages()).isEmpty();
        assertThatThrownBy(() -> predicate("proto udp port 53")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("at 10: expected 'and', 'or' or the end of the filter, found 'port'");
        assertThatThrownBy(() -> new FlowMatches<SourceRecord>().configure(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("filter");
        assertThatThrownBy(() -> predicate("any", FlowMatches.ON_OTHER_RECORDS, "pass"))
                .isInstanceOf(ConfigException.class).hasMessageContaining(FlowMatches.ON_OTHER_RECORDS);
    }
}
