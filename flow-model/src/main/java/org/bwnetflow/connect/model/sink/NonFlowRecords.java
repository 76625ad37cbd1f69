package org.bwnetflow.connect.model.sink;

import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The one rule of both sinks for a record that is no flow (nor ingest health record): with an
 * errant record reporter (errors.tolerance=all, or a dead letter queue configured) the record is
 * reported there and the task goes on; without one the task fails with an error naming the
 * record, as Connect's own converters do. Nothing is skipped silently: skipping would commit
 * the record past errors.tolerance and the dead letter queue.
 */
public final class NonFlowRecords {

    private final String sink;
    private final SinkTaskContext context;
    private final LongAdder reported;

    /**
     * @param sink how the error names the sink, e.g. "The Influx sink"
     * @param context the task's context; null (a task outside a worker) fails on every such record
     * @param reported counts the records handed to the errant record reporter
     */
    public NonFlowRecords(String sink, SinkTaskContext context, LongAdder reported) {
        this.sink = sink;
        this.context = context;
        this.reported = reported;
    }

    /**
     * Reports the record to Connect's errant record reporter, or fails the task.
     *
     * @param why what the record is and what the sink needs
     * @throws DataException (a ConnectException) naming the record when there is no errant record reporter
     */
    public void reject(SinkRecord record, String why, Throwable cause) {
        String message = sink + " cannot use the record at " + where(record) + ": " + why;
        ErrantRecordReporter reporter = context == null ? null : context.errantRecordReporter();
        if (reporter == null) {
            throw new DataException(message + " (with errors.tolerance=all and errors.deadletterqueue.topic.name "
                    + "such records go to a dead letter queue instead)", cause);
        }
        reporter.report(record, new DataException(message, cause));
        reported.increment();
    }

    /** The record as topic-partition@offset. */
    public static String where(SinkRecord record) {
        return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
    }
}
