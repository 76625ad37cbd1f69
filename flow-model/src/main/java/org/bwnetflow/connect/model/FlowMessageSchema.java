package org.bwnetflow.connect.model;

import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The one Connect schema of a flow inside Connect: the full enriched FlowMessage.
 *
 * <p>The source fills what the exporter sent and leaves the rest at the proto3 defaults; the
 * enrichment transforms fill fields of the same Struct in place. Flows are sparse: read them
 * with {@link Struct#get} or {@link Flows}, which apply the defaults, not with the typed
 * getters, which return null for unset fields.
 */
public final class FlowMessageSchema {

    public static final String NAME = "bwnetflow.FlowMessage";
    public static final int VERSION = 1;

    public static final Schema SCHEMA = build();

    private static final Field[] FIELDS = SCHEMA.fields().toArray(new Field[0]);

    private FlowMessageSchema() {
    }

    /** The Connect field of a FlowMessage field; O(1), no name lookup. */
    public static Field field(FlowField flowField) {
        return FIELDS[flowField.ordinal()];
    }

    /** A new flow with every field at its default. */
    public static Struct newFlow() {
        return new Struct(SCHEMA);
    }

    /** True when the value's schema is this schema (the fast path: fields by index). */
    public static boolean isFlowSchema(Schema schema) {
        return schema == SCHEMA || (schema != null && NAME.equals(schema.name()) && sameFields(schema.fields()));
    }

    private static boolean sameFields(List<Field> fields) {
        if (fields.size() != FIELDS.length) {
            return false;
        }
        for (int i = 0; i < FIELDS.length; i++) {
            Field field = fields.get(i);
            if (!field.name().equals(FIELDS[i].name()) || field.schema().type() != FIELDS[i].schema().type()) {
                return false;
            }
        }
        return true;
    }

    private static Schema build() {
        SchemaBuilder builder = SchemaBuilder.struct()
                .name(NAME)
                .version(VERSION)
                .doc("A network flow: bwNetFlow's enriched FlowMessage (protobuf field numbers kept)");
        for (FlowField field : FlowField.all()) {
            builder.field(field.fieldName(), field.wireType().schema(field.doc()));
        }
        return builder.build();
    }
}
