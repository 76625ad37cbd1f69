package org.bwnetflow.connect.model.transform;

import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.IngestHealth;

/**
 * How a flow transform finds the FlowMessage Struct of a record, and what it does with a
 * record that has none (another schema, no schema, a tombstone): fail with a DataException that
 * names the transform and what it got, or pass the record on unchanged ({@value #ON_OTHER_RECORDS}).
 * The source's own {@link IngestHealth} records always pass: they share the source's transform chain
 * but are never flows.
 */
public final class FlowRecordAccess {

    public static final String ON_OTHER_RECORDS = "on.other.records";
    public static final String FAIL = "fail";
    public static final String PASS = "pass";

    private final String transform;
    private final boolean pass;

    public FlowRecordAccess(String transform, String onOtherRecords) {
        this.transform = transform;
        this.pass = PASS.equals(onOtherRecords.toLowerCase(Locale.ROOT));
    }

    /** Adds {@value #ON_OTHER_RECORDS} to a transform's config. */
    public static ConfigDef define(ConfigDef def) {
        return def.define(ON_OTHER_RECORDS, ConfigDef.Type.STRING, FAIL,
                ConfigDef.CaseInsensitiveValidString.in(FAIL, PASS), ConfigDef.Importance.LOW,
                "What to do with a record whose value is not a FlowMessage Struct (another schema, no schema, "
                        + "a tombstone): 'fail' raises a DataException naming the transform and what it got (the "
                        + "connector's errors.tolerance decides what happens then); 'pass' leaves it unchanged.");
    }

    /** The record's FlowMessage Struct; null when it has none and such records pass. */
    public Struct flowOf(ConnectRecord<?> record) {
        Object value = record.value();
        if (value instanceof Struct && FlowMessageSchema.isFlowSchema(((Struct) value).schema())) {
            return (Struct) value;
        }
        if (pass || IngestHealth.isHealth(value)) {
            return null;
        }
        throw new DataException(transform + " works on FlowMessage records only, but got " + describe(record)
                + " (set " + ON_OTHER_RECORDS + "=pass to let such records through unchanged)");
    }

    private static String describe(ConnectRecord<?> record) {
        Object value = record.value();
        if (value == null) {
            return "a tombstone (null value) from topic " + record.topic();
        }
        if (value instanceof Struct) {
            String name = ((Struct) value).schema().name();
            return "a Struct of schema " + (name == null ? "(unnamed)" : name);
        }
        return "a " + value.getClass().getName() + (record.valueSchema() == null ? " without schema" : " of schema "
                + record.valueSchema().type());
    }
}
