package org.bwnetflow.connect.enrich.testing;

import inet.ipaddr.IPAddressString;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/** Flows and records for the transforms' tests and benchmarks. */
public final class TestFlows {

    private TestFlows() {
    }

    /** A flow with the given addresses (text form, IPv4 or IPv6). */
    public static Struct flow(String src, String dst) {
        Struct flow = FlowMessageSchema.newFlow();
        flow.put(FlowMessageSchema.field(FlowField.SRC_ADDR), address(src));
        flow.put(FlowMessageSchema.field(FlowField.DST_ADDR), address(dst));
        return flow;
    }

    public static byte[] address(String text) {
        return new IPAddressString(text).getAddress().getBytes();
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

    /** Every field's value (defaults for unset ones, addresses as text), to compare flows. */
    public static Map<String, String> snapshot(Struct flow) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (org.apache.kafka.connect.data.Field field : flow.schema().fields()) {
            Object value = flow.get(field);
            values.put(field.name(), value instanceof byte[] ? java.util.Arrays.toString((byte[]) value)
                    : String.valueOf(value));
        }
        return values;
    }

    /** A source record carrying the flow, as the source task emits it. */
    public static SourceRecord record(Struct flow) {
        return new SourceRecord(Map.of("exporter", "test"), Map.of(), "flows", null, null, null,
                FlowMessageSchema.SCHEMA, flow);
    }

    /** A record that is not a FlowMessage: a Struct of another schema. */
    public static SourceRecord otherStructRecord() {
        Schema other = SchemaBuilder.struct().name("other.Thing").field("x", Schema.INT32_SCHEMA).build();
        return new SourceRecord(Map.of(), Map.of(), "flows", null, null, null, other, new Struct(other).put("x", 1));
    }

    /** A record without a schema (a String value). */
    public static SourceRecord schemalessRecord() {
        return new SourceRecord(Map.of(), Map.of(), "flows", null, null, null, null, "hello");
    }

    public static SourceRecord tombstone() {
        return new SourceRecord(Map.of(), Map.of(), "flows", null, null, null, null, null);
    }
}
