package org.bwnetflow.connect.reduce;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.StructValues;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.transform.FlowTransformation;
import org.bwnetflow.connect.reduce.fields.FlowFieldNames;
import org.bwnetflow.connect.reduce.fields.ReducedSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Takes fields out of flows: a keep-list or a drop-list of FlowMessage fields. */
public class ReduceFields<R extends ConnectRecord<R>> extends FlowTransformation<R> {

    public static final String OVERVIEW_DOC = "Replaces a flow by a reduced flow that holds only some FlowMessage "
            + "fields: those of fields.keep, or all but those of fields.drop (set exactly one). The reduced Struct's "
            + "schema is named '" + ReducedSchemas.NAME + "' and has the kept fields in FlowMessage order with their "
            + "FlowMessage schemas, so FlowMessageConverter writes them with their protobuf numbers and leaves the "
            + "others out (consumers read them as unset). A record already reduced by this configuration passes "
            + "unchanged; a reduced record of another configuration is reduced further (fields it lacks stay unset).";

    public static final String FIELDS_KEEP = "fields.keep";
    public static final String FIELDS_DROP = "fields.drop";

    private static final String FIELD_LIST = "comma-separated FlowMessage field names (e.g. SrcAddr,DstAddr,Bytes,Cid)";

    public static final ConfigDef CONFIG_DEF = FlowRecordAccess.define(new ConfigDef()
            .define(FIELDS_KEEP, ConfigDef.Type.LIST, null, fieldNamesValidator(), ConfigDef.Importance.HIGH,
                    "The FlowMessage fields to keep (Connect field names as in the FlowMessage schema, case-sensitive, "
                            + "e.g. SrcAddr,DstAddr,Bytes,Packets,Cid); every other field is removed. Set either this "
                            + "or " + FIELDS_DROP + ", not both (checked when the transform starts).")
            .define(FIELDS_DROP, ConfigDef.Type.LIST, null, fieldNamesValidator(), ConfigDef.Importance.HIGH,
                    "The FlowMessage fields to remove (e.g. SamplerAddress,NextHop,InIf,OutIf); every other field is "
                            + "kept. Set either this or " + FIELDS_KEEP + ", not both (checked when the transform "
                            + "starts)."));

    private static final Logger log = LoggerFactory.getLogger(ReduceFields.class);

    private final LongAdder reduced = metrics.counter("reduced", "Flows replaced by their reduced form");
    private final LongAdder passed = metrics.counter("passed", "Records passed unchanged: already reduced by this "
            + "configuration, or not flows (with " + FlowRecordAccess.ON_OTHER_RECORDS + "=pass)");
    private FlowRecordAccess access;
    private Schema schema;
    private FlowField[] kept;
    private Field[] keptFields;

    private static ConfigDef.Validator fieldNamesValidator() {
        return DescribedValidator.of(FIELD_LIST, (name, value) -> {
            if (value == null) {
                return; // not set; whether exactly one of the two is set is checked in configure()
            }
            try {
                EnumSet<FlowField> fields = FlowFieldNames.parse(asStrings(value), f -> true, "a FlowMessage field");
                if (fields.isEmpty()) {
                    throw new IllegalArgumentException("names no field; list at least one, or leave the key unset");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        });
    }

    public ReduceFields() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        access = new FlowRecordAccess(ReduceFields.class.getSimpleName(),
                config.getString(FlowRecordAccess.ON_OTHER_RECORDS));
        List<String> keep = config.getList(FIELDS_KEEP);
        List<String> drop = config.getList(FIELDS_DROP);
        if (keep != null && drop != null) {
            throw new ConfigException(FIELDS_DROP, drop, "set either " + FIELDS_KEEP + " or " + FIELDS_DROP
                    + ", not both");
        }
        if (keep == null && drop == null) {
            throw new ConfigException(FIELDS_KEEP, null, "set either " + FIELDS_KEEP + " (the fields to keep) or "
                    + FIELDS_DROP + " (the fields to remove)");
        }
        EnumSet<FlowField> fields;
        if (keep != null) {
            fields = FlowFieldNames.parse(keep, f -> true, "a FlowMessage field");
        } else {
            fields = EnumSet.complementOf(FlowFieldNames.parse(drop, f -> true, "a FlowMessage field"));
            if (fields.isEmpty()) {
                throw new ConfigException(FIELDS_DROP, drop, "drops every field; keep at least one");
            }
        }
        schema = ReducedSchemas.of(fields);
        kept = fields.toArray(new FlowField[0]); // EnumSet order: FlowMessage order, as the schema's fields
        keptFields = schema.fields().toArray(new Field[0]);
        log.info("ReduceFields keeps {} of {} fields: {}", kept.length, FlowField.all().length,
                FlowFieldNames.names(fields));
    }

    @Override
    public R apply(R record) {
        Object value = record.value();
        if (value instanceof Struct) {
            Struct struct = (Struct) value;
            Schema from = struct.schema();
            if (from == schema || (ReducedSchemas.isReduced(from) && schema.equals(from))) {
                passed.increment(); // already reduced: a retry, or the transform configured twice
                return record;
            }
            if (FlowMessageSchema.isFlowSchema(from)) {
                return reducedRecord(record, fromFlow(struct));
            }
            if (ReducedSchemas.isReduced(from)) {
                return reducedRecord(record, fromReduced(struct));
            }
        }
        if (access.flowOf(record) == null) { // throws unless such records pass
            passed.increment();
        }
        return record;
    }

    private R reducedRecord(R record, Struct reducedValue) {
        reduced.increment();
        // newRecord keeps the headers (as a copy) and the rest of the record.
        return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema,
                reducedValue, record.timestamp());
    }

    /** Copies the kept fields that are set; unset ones stay null, which reads as the field's default. */
    private Struct fromFlow(Struct flow) {
        Struct out = new Struct(schema);
        Object[] values = StructValues.of(flow);
        // From our own FlowMessage Struct the values are of the field schemas the reduced schema shares:
        // written into its array, without put's per-field validation (and the location string it builds).
        Object[] target = values == null ? null : StructValues.of(out, schema);
        for (int i = 0; i < kept.length; i++) {
            Object value = values != null ? values[kept[i].ordinal()]
                    : flow.getWithoutDefault(kept[i].fieldName());
            if (value == null) {
                continue;
            }
            if (target != null) {
                target[keptFields[i].index()] = value;
            } else {
                out.put(keptFields[i], value);
            }
        }
        return out;
    }

    private Struct fromReduced(Struct in) {
        Struct out = new Struct(schema);
        Schema from = in.schema();
        for (Field field : keptFields) {
            Field source = from.field(field.name());
            if (source != null) {
                Object value = in.getWithoutDefault(source.name());
                if (value != null) {
                    out.put(field, value);
                }
            }
        }
        return out;
    }

    /** The reduced schema this transform writes (fixed by its configuration). */
    public Schema reducedSchema() {
        return schema;
    }

    @SuppressWarnings("unchecked")
    static List<String> asStrings(Object value) {
        return (List<String>) value;
    }
}
