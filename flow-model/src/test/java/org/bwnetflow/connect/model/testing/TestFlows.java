package org.bwnetflow.connect.model.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/** Flows, records and config checks for the transforms' tests (shared as flow-model's test-jar). */
public final class TestFlows {

    private TestFlows() {
    }

    /** A flow with the given addresses (IPv4 or IPv6 literals). */
    public static Struct flow(String src, String dst) {
        Struct flow = FlowMessageSchema.newFlow();
        flow.put(FlowMessageSchema.field(FlowField.SRC_ADDR), address(src));
        flow.put(FlowMessageSchema.field(FlowField.DST_ADDR), address(dst));
        return flow;
    }

    /** A flow as the enrichment leaves it: addresses, exporter, counters, customer, names. */
    public static Struct fullFlow() {
        Struct flow = flow("192.0.2.77", "2001:db8:1:2:3:4:5:6");
        flow.put(FlowMessageSchema.field(FlowField.SAMPLER_ADDRESS), address("198.51.100.1"));
        flow.put(FlowMessageSchema.field(FlowField.NEXT_HOP), address("203.0.113.9"));
        Flows.setEnum(flow, FlowField.TYPE, 3);
        Flows.setNumber(flow, FlowField.BYTES, 1500);
        Flows.setNumber(flow, FlowField.PACKETS, 3);
        Flows.setNumber(flow, FlowField.PROTO, 6);
        Flows.setNumber(flow, FlowField.SRC_PORT, 443);
        Flows.setNumber(flow, FlowField.DST_PORT, 51234);
        Flows.setNumber(flow, FlowField.IN_IF, 7);
        Flows.setNumber(flow, FlowField.CID, 42);
        Flows.setText(flow, FlowField.PROTO_NAME, "TCP");
        Flows.setText(flow, FlowField.SRC_IF_DESC, "uplink to AS64500");
        return flow;
    }

    /** Sets a number field and returns the flow, for chaining. */
    public static Struct with(Struct flow, FlowField field, long value) {
        Flows.setNumber(flow, field, value);
        return flow;
    }

    public static Struct withText(Struct flow, FlowField field, String value) {
        Flows.setText(flow, field, value);
        return flow;
    }

    public static Struct withAddress(Struct flow, FlowField field, String address) {
        flow.put(FlowMessageSchema.field(field), address(address));
        return flow;
    }

    /** An IPv4 or IPv6 literal's bytes (never a name lookup: callers pass literals only). */
    public static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    public static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A source record carrying the flow, as the source task emits it. */
    public static SourceRecord record(Struct flow) {
        return new SourceRecord(Map.of("exporter", "test"), Map.of(), "flows", null, null, null, flow.schema(), flow);
    }

    /** A record that is not a FlowMessage: a Struct of another schema. */
    public static SourceRecord otherStructRecord() {
        Schema other = SchemaBuilder.struct().name("other.Thing").field("x", Schema.INT32_SCHEMA).build();
        return new SourceRecord(Map.of(), Map.of(), "flows", null, null, null, other, new Struct(other).put("x", 1));
    }

    /** The source's ingest health record, which every flow transform passes unchanged. */
    public static SourceRecord ingestHealthRecord() {
        return new SourceRecord(Map.of(), null, "_ingest-health", null, Schema.STRING_SCHEMA, "192.0.2.1",
                org.bwnetflow.connect.model.IngestHealth.SCHEMA,
                org.bwnetflow.connect.model.IngestHealth.newRecord(1_700_000_000_000L, 10_000, "src", 0, "192.0.2.1"));
    }

    /** A record without a schema (a String value). */
    public static SourceRecord schemalessRecord() {
        return new SourceRecord(Map.of(), Map.of(), "flows", null, null, null, null, "hello");
    }

    public static SourceRecord tombstone() {
        return new SourceRecord(Map.of(), Map.of(), "flows", null, null, null, null, null);
    }

    /** Every field's value (defaults for unset ones, addresses as text), to compare flows. */
    public static Map<String, String> snapshot(Struct flow) {
        Map<String, String> values = new LinkedHashMap<>();
        for (org.apache.kafka.connect.data.Field field : flow.schema().fields()) {
            Object value = flow.get(field);
            values.put(field.name(), value instanceof byte[] ? java.util.Arrays.toString((byte[]) value)
                    : String.valueOf(value));
        }
        return values;
    }

    /** The error messages the REST validate endpoint would show for a key (ConfigDef.validate). */
    public static List<String> validationErrors(org.apache.kafka.common.config.ConfigDef def, Map<String, ?> config,
            String key) {
        @SuppressWarnings("unchecked")
        Map<String, String> props = (Map<String, String>) config;
        for (ConfigValue value : def.validate(props)) {
            if (value.name().equals(key)) {
                return value.errorMessages();
            }
        }
        throw new IllegalArgumentException("no key " + key);
    }
}
