package org.bwnetflow.connect.flowctl.sqlite;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.flowctl.ReadLimits;
import org.bwnetflow.connect.flowctl.TopicOptions;
import org.bwnetflow.connect.flowctl.CustomerLogin;
import org.bwnetflow.connect.flowctl.FilterOptions;
import org.bwnetflow.connect.flowctl.FlowSelection;
import org.bwnetflow.connect.flowctl.FromBeginning;
import org.bwnetflow.connect.flowctl.OutputOffsets;
import org.bwnetflow.connect.model.FlowMessageCodec;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flowctl sqlite FILE TOPIC}: flows into an SQLite table, one transaction per batch that
 * holds the rows and each partition's next offset (table {@code flowctl_offsets}), so a run after a
 * crash at any moment, or after {@code --max}, resumes exactly after the last row kept: no flow
 * twice, none left out.
 */
@Command(name = "sqlite", mixinStandardHelpOptions = true,
        description = {"Dump the flows of TOPIC into the table 'flows' of the SQLite database FILE (created if "
                + "missing): one column per --fields entry, addresses as text, indexes on time and addresses.",
            "Exactly once: every batch of rows is committed together with the Kafka offsets it ends at (table "
                + "flowctl_offsets), and a later run resumes from them, after a crash too; the consumer group's "
                + "offsets only mirror them (a --group named) and say where a new file starts.",
            "Stops at --until (record time), after --max flows or --timeout seconds; reports flows written and the "
                + "rate."})
public final class SqliteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReadLimits limits;

    @Mixin
    CustomerLogin login;

    @Mixin
    TopicOptions topics;

    @Mixin
    FromBeginning start;

    @Mixin
    FilterOptions filters;

    @Parameters(index = "0", paramLabel = "FILE", description = "SQLite database file")
    Path file;

    @Parameters(index = "1", paramLabel = "TOPIC", description = "Topic to read, or a regular expression with --pattern")
    String topic;

    @Option(names = "--fields", defaultValue = FlowTable.DEFAULT_FIELDS, paramLabel = "NAMES",
            description = "FlowMessage fields to store, comma-separated (default: ${DEFAULT-VALUE})")
    String fields;


    @Option(names = "--until", paramLabel = "TIME", description = "Stop at records written at or after this ISO-8601 "
            + "time, e.g. 2026-11-27T12:00:00Z (they are not stored)")
    String until;

    @Override
    public Integer call() throws SQLException {
        long untilMillis = untilMillis();
        FlowSelection filter = filters.selection(spec);
        var props = login.consumerProperties("flowctl-sqlite-");
        start.applyTo(props);
        PrintWriter out = spec.commandLine().getOut();
        long started = System.nanoTime();
        limits.start(spec);
        long written = 0;
        try (FlowDatabase database = database();
             Consumer<byte[], byte[]> consumer = login.openConsumer(props)) {
            OutputOffsets offsets = new OutputOffsets(consumer, database.storedOffsets(), login.namedGroup());
            topics.subscribe(consumer, topic, offsets, limits.waitAtMost(ReadLimits.METADATA_WAIT));
            boolean reachedUntil = false;
            while (!reachedUntil && limits.goOn(written)) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                // The next offset per partition: just after the last record handled, never past one not stored.
                Map<TopicPartition, Long> handled = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.timestamp() >= untilMillis || limits.reached(written)) {
                        reachedUntil = record.timestamp() >= untilMillis;
                        break;
                    }
                    if (record.value() != null && filter.matches(record.value()) && add(database, record.value())) {
                        written++;
                    }
                    handled.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
                }
                offsets.uncommittedStarts().forEach(handled::putIfAbsent);
                if (!handled.isEmpty()) {
                    database.commit(handled); // rows and offsets in one transaction
                    offsets.committed(handled);
                }
            }
        }
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        out.printf(Locale.ROOT, "flowctl sqlite: %d flows written to %s in %.1f s (%.0f flows/s)%n", written, file,
                seconds, written / seconds);
        out.flush();
        return 0;
    }

    private FlowDatabase database() throws SQLException {
        try {
            return new FlowDatabase(file, fields);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--fields: " + e.getMessage());
        }
    }

    private static boolean add(FlowDatabase database, byte[] value) throws SQLException {
        try {
            database.add(FlowMessageCodec.decode(value));
            return true;
        } catch (DataException e) {
            return false; // not a FlowMessage
        }
    }

    private long untilMillis() {
        if (until == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Instant.parse(until).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), "--until must be an ISO-8601 time such as "
                    + "2026-11-27T12:00:00Z, got '" + until + "'");
        }
    }
}
