package org.bwnetflow.connect.reduce.fields;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;

/**
 * The schemas of reduced flows: a subset of the FlowMessage fields, in FlowMessage order, with the
 * very same field schemas, named {@value #NAME} and of the FlowMessage schema's version.
 *
 * <p>One schema instance per distinct field set, shared by every transform instance in the JVM
 * (converters that cache by schema see one schema, not one per task). The field set is fixed by
 * configuration, so the cache holds as many schemas as there are distinct configurations.
 */
public final class ReducedSchemas {

    /** The name of every reduced schema; the field list tells them apart. */
    public static final String NAME = FlowMessageSchema.NAME + ".Reduced";

    private static final ConcurrentMap<Set<FlowField>, Schema> SCHEMAS = new ConcurrentHashMap<>();

    private ReducedSchemas() {
    }

    /** The reduced schema holding exactly these fields (at least one). */
    public static Schema of(Set<FlowField> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a reduced flow keeps at least one field");
        }
        return SCHEMAS.computeIfAbsent(EnumSet.copyOf(fields), ReducedSchemas::build);
    }

    /** True for a reduced schema (of any field set). */
    public static boolean isReduced(Schema schema) {
        return schema != null && schema.type() == Schema.Type.STRUCT && NAME.equals(schema.name());
    }

    /** True for the FlowMessage schema or a reduced one: the Structs whose fields mean FlowMessage fields. */
    public static boolean isFlowOrReduced(Schema schema) {
        return FlowMessageSchema.isFlowSchema(schema) || isReduced(schema);
    }

    private static Schema build(Set<FlowField> fields) {
        SchemaBuilder builder = SchemaBuilder.struct()
                .name(NAME)
                .version(FlowMessageSchema.VERSION)
                .doc("A FlowMessage reduced to " + FlowFieldNames.names(fields)
                        + " (fields, numbers and defaults as in " + FlowMessageSchema.NAME + ")");
        for (FlowField field : FlowField.all()) {
            if (fields.contains(field)) {
                builder.field(field.fieldName(), FlowMessageSchema.field(field).schema());
            }
        }
        return builder.build();
    }
}
