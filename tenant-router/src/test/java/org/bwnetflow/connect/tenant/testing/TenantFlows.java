package org.bwnetflow.connect.tenant.testing;

import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/** Flows and records for the router's tests. */
public final class TenantFlows {

    /** What a ReduceFields keep-list of Cid, Bytes and Packets leaves: another schema with a Cid field. */
    public static final Schema REDUCED = SchemaBuilder.struct().name("bwnetflow.FlowMessage.reduced")
            .field("Cid", Schema.OPTIONAL_INT64_SCHEMA)
            .field("Bytes", Schema.OPTIONAL_INT64_SCHEMA)
            .field("Packets", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private TenantFlows() {
    }

    /** A flow with the customer id and a few other fields before it on the wire. */
    public static Struct flow(long cid) {
        Struct flow = FlowMessageSchema.newFlow();
        flow.put(FlowMessageSchema.field(FlowField.SRC_ADDR), new byte[] {(byte) 192, 0, 2, 1});
        flow.put(FlowMessageSchema.field(FlowField.DST_ADDR), new byte[] {(byte) 198, 51, 100, 1});
        Flows.setNumber(flow, FlowField.BYTES, 1500);
        Flows.setNumber(flow, FlowField.PACKETS, 1);
        Flows.setNumber(flow, FlowField.PROTO, 6);
        Flows.setNumber(flow, FlowField.CID, cid);
        return flow;
    }

    public static SourceRecord record(Object value) {
        return record(FlowMessageSchema.SCHEMA, value);
    }

    public static SourceRecord record(Schema schema, Object value) {
        return new SourceRecord(Map.of("exporter", "test"), Map.of(), "flows", null, null, null, schema, value);
    }

    /** A record as read from another topic's partition (a Kafka-to-Kafka hop). */
    public static SourceRecord recordInPartition(int partition, Schema schema, Object value) {
        return new SourceRecord(Map.of(), Map.of(), "flows-enriched", partition, null, null, schema, value);
    }
}
