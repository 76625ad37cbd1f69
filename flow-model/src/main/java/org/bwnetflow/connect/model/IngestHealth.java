package org.bwnetflow.connect.model;

import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * The Connect schema of an ingest health record: what one source task received from one exporter
 * in one reporting interval ({@code ingest_health.proto}). Counts are for the interval, so a
 * database sums them per time bucket and divides by its length for rates.
 */
public final class IngestHealth {

    public static final String NAME = "bwnetflow.IngestHealth";
    /** 2: ClockSkewed added. */
    public static final int VERSION = 2;
    /** Exporter value of the row for exporters without a row of their own. */
    public static final String OTHER_EXPORTERS = "other";
    /** Exporter value of the task's own row: everything received, and what was dropped before decoding. */
    public static final String TASK_ROW = "*";

    public static final String TIME_REPORTED = "TimeReported";
    public static final String INTERVAL_MS = "IntervalMs";
    public static final String CONNECTOR = "Connector";
    public static final String TASK = "Task";
    public static final String EXPORTER = "Exporter";
    public static final String DATAGRAMS = "Datagrams";
    public static final String FLOWS = "Flows";
    public static final String SEQUENCE_GAPS = "SequenceGaps";
    public static final String SEQUENCE_MISSING = "SequenceMissing";
    public static final String DATAGRAMS_RECEIVED = "DatagramsReceived";
    public static final String KERNEL_DROPS = "KernelDrops";
    public static final String NOT_ALLOWED = "NotAllowed";
    public static final String MALFORMED = "Malformed";
    public static final String TEMPLATE_MISSES = "TemplateMisses";
    /** Flows whose TimeFlowEnd the clock policy ({@link FlowClock}) does not trust: the exporter's clock is wrong. */
    public static final String CLOCK_SKEWED = "ClockSkewed";

    /** The counters after the identifying fields, in field-number order (field number = index + 6). */
    public static final List<String> COUNTERS = List.of(DATAGRAMS, FLOWS, SEQUENCE_GAPS, SEQUENCE_MISSING,
            DATAGRAMS_RECEIVED, KERNEL_DROPS, NOT_ALLOWED, MALFORMED, TEMPLATE_MISSES, CLOCK_SKEWED);

    public static final Schema SCHEMA = build();

    private IngestHealth() {
    }

    /** A new record with the identifying fields set and every counter 0. */
    public static Struct newRecord(long timeReported, long intervalMs, String connector, int task, String exporter) {
        Struct health = new Struct(SCHEMA)
                .put(TIME_REPORTED, timeReported)
                .put(INTERVAL_MS, intervalMs)
                .put(CONNECTOR, connector)
                .put(TASK, task)
                .put(EXPORTER, exporter);
        for (String counter : COUNTERS) {
            health.put(counter, 0L);
        }
        return health;
    }

    /** True when the value is an ingest health record (by schema name and fields, as a converter may rebuild it). */
    public static boolean isHealth(Object value) {
        if (!(value instanceof Struct)) {
            return false;
        }
        Schema schema = ((Struct) value).schema();
        return schema == SCHEMA || (NAME.equals(schema.name()) && schema.fields().size() == SCHEMA.fields().size());
    }

    private static Schema build() {
        SchemaBuilder builder = SchemaBuilder.struct().name(NAME).version(VERSION)
                .field(TIME_REPORTED, Schema.INT64_SCHEMA)
                .field(INTERVAL_MS, Schema.INT64_SCHEMA)
                .field(CONNECTOR, Schema.STRING_SCHEMA)
                .field(TASK, Schema.INT32_SCHEMA)
                .field(EXPORTER, Schema.STRING_SCHEMA);
        for (String counter : COUNTERS) {
            builder.field(counter, Schema.INT64_SCHEMA);
        }
        return builder.build();
    }

    /** The field number of a schema field in {@code ingest_health.proto}. */
    static int number(Field field) {
        return field.index() + 1;
    }
}
