package org.bwnetflow.connect.flowctl.csv;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.flowctl.CustomerLogin;
import org.bwnetflow.connect.flowctl.FilterOptions;
import org.bwnetflow.connect.flowctl.FlowSelection;
import org.bwnetflow.connect.flowctl.FlowTimeOption;
import org.bwnetflow.connect.flowctl.OutputOffsets;
import org.bwnetflow.connect.flowctl.ReadLimits;
import org.bwnetflow.connect.flowctl.TopicOptions;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowTimes;
import org.bwnetflow.connect.reduce.anonymize.AddressAnonymizer;
import org.bwnetflow.connect.reduce.anonymize.CryptoPan;
import org.bwnetflow.connect.reduce.anonymize.CryptoPanKey;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code flowctl csv}: flows from a topic (or a pattern) into CSV files that roll every N minutes by
 * the flows' start time. Exactly once, after a crash at any moment too: the directory keeps its own
 * commit point (see {@link CsvDirectory}) with the offsets the rows end at, and a run resumes there.
 */
@Command(name = "csv", mixinStandardHelpOptions = true,
        description = {"Write flows from TOPIC into CSV files in --dir, one file per --roll-minutes of TimeFlowStart "
                + "(UTC; flows-yyyyMMdd-HHmm.csv), so late flows land in the file of their time.",
            "Exactly once: about every second the files are forced to disk and the offsets they end at saved in "
                + "DIR/.flowctl-csv-progress; a later run (after a crash too) cuts off what came after that and goes "
                + "on from those offsets. The consumer group's offsets only mirror them (a --group named).",
            "Progress (records/s, lag) is shown on a terminal; the last line says what was written."})
public final class CsvCommand implements Callable<Integer> {

    /** How often the files are committed while reading: what a crash makes the next run redo. */
    private static final long COMMIT_INTERVAL_MILLIS = 1_000;

    @Spec
    CommandSpec spec;

    @Mixin
    ReadLimits limits;

    @Mixin
    CustomerLogin login;

    @Mixin
    FlowTimeOption flowTimeOption;

    @Parameters(paramLabel = "TOPIC", description = "Topic to read, or a regular expression with --pattern")
    String topic;

    @Mixin
    TopicOptions topics;

    @Mixin
    FilterOptions filters;

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Directory for the CSV files")
    Path dir;

    @Option(names = "--columns", defaultValue = CsvColumns.DEFAULT, paramLabel = "NAMES",
            description = "FlowMessage field names and Duration, comma-separated (default: ${DEFAULT-VALUE})")
    String columns;

    @Option(names = "--roll-minutes", defaultValue = "5", paramLabel = "N",
            description = "Minutes of flow time per file (default: ${DEFAULT-VALUE})")
    int rollMinutes;

    @Option(names = "--max-open-files", defaultValue = "16", paramLabel = "N",
            description = "Files kept open at once (default: ${DEFAULT-VALUE})")
    int maxOpenFiles;

    @Option(names = "--from", defaultValue = "latest", paramLabel = "WHERE",
            description = "earliest, latest, or an ISO-8601 time such as 2026-11-27T10:00:00Z: where partitions start "
                    + "that DIR has no offsets for (with --group: nor the group) (default: ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--anonymize-key-file", paramLabel = "FILE",
            description = "Crypto-PAn key (as the Anonymize transform takes it: " + CryptoPanKey.FORMAT + "): "
                    + "address columns are written anonymized")
    Path anonymizeKeyFile;

    private long written;
    private long skipped;
    /** The next offset per partition of the rows written since the last commit. */
    private final Map<TopicPartition, Long> pending = new HashMap<>();

    @Override
    public Integer call() throws IOException {
        CsvColumns csvColumns;
        Instant fromTime;
        try {
            csvColumns = new CsvColumns(columns, anonymizer());
            fromTime = startTime();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()); // never holds the key
        }
        if (rollMinutes < 1 || maxOpenFiles < 1) {
            throw new ParameterException(spec.commandLine(), "--roll-minutes and --max-open-files must be at least 1");
        }
        FlowTimes flowTimes = flowTimeOption.flowTimes(spec);
        FlowSelection filter = filters.selection(spec);
        limits.start(spec);
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), System.console() != null);
        try (CsvDirectory output = CsvDirectory.open(dir, rollMinutes * 60L, maxOpenFiles, csvColumns.header());
             Consumer<byte[], byte[]> consumer = login.openConsumer(consumerProperties())) {
            if (!output.repairs().isEmpty()) {
                spec.commandLine().getErr().printf("flowctl csv: %s resumed after an interrupted run: %s%n", dir,
                        output.repairs());
            }
            OutputOffsets offsets = new OutputOffsets(consumer, output.offsets(), login.namedGroup())
                    .whenUnknown(partitions -> seekToTime(consumer, partitions, fromTime));
            offsets.beforeRevocation(() -> commit(output, offsets)); // nothing pending when partitions move
            topics.subscribe(consumer, topic, offsets, limits.waitAtMost(ReadLimits.METADATA_WAIT));
            long nextCommit = System.currentTimeMillis() + COMMIT_INTERVAL_MILLIS;
            while (limits.goOn(written)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    write(record, filter, csvColumns, output, flowTimes);
                    if (limits.reached(written)) {
                        break; // the records after it are not handled: the commit ends before them
                    }
                }
                if (System.currentTimeMillis() >= nextCommit) {
                    commit(output, offsets);
                    nextCommit = System.currentTimeMillis() + COMMIT_INTERVAL_MILLIS;
                }
                progress.update(written, consumer);
            }
            commit(output, offsets);
            progress.done();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("flowctl csv: %d flows written to %s (%d new files)%s%s%n", written, dir, output.filesCreated(),
                    skipped > 0 ? ", " + skipped + " records that are not FlowMessages skipped" : "",
                    flowTimes.summary());
            out.flush();
        }
        return 0;
    }

    /** Commits the files with the offsets of what they hold (mirrored to a named group). */
    private void commit(CsvDirectory output, OutputOffsets offsets) {
        offsets.uncommittedStarts().forEach(pending::putIfAbsent);
        if (pending.isEmpty()) {
            return;
        }
        output.commit(pending);
        offsets.committed(pending);
        pending.clear();
    }

    /** Writes the record's flow if the filter keeps it (matched on the raw bytes, before decoding); handled either way. */
    private void write(ConsumerRecord<byte[], byte[]> record, FlowSelection filter, CsvColumns csvColumns,
                       CsvDirectory output, FlowTimes flowTimes) {
        pending.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        if (record.value() == null || !filter.matches(record.value())) {
            return;
        }
        Struct flow;
        try {
            flow = FlowMessageCodec.decode(record.value());
        } catch (DataException e) {
            skipped++;
            return;
        }
        long startMillis = flowTimes.startMillis(flow, record.timestamp());
        output.write(Math.floorDiv(startMillis, 1000), csvColumns.row(flow));
        written++;
    }

    /** --from TIME for partitions the directory has no offsets for and, with --group, neither has the group. */
    private void seekToTime(Consumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions,
                            Instant fromTime) {
        if (fromTime == null) {
            return;
        }
        Map<TopicPartition, Long> times = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> committed = login.namedGroup()
                ? consumer.committed(new HashSet<>(partitions)) : Map.of();
        for (TopicPartition tp : partitions) {
            if (committed.get(tp) == null) {
                times.put(tp, fromTime.toEpochMilli());
            }
        }
        consumer.offsetsForTimes(times).forEach((tp, offset) -> {
            if (offset == null) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, offset.offset());
            }
        });
    }

    private Properties consumerProperties() {
        Properties props = login.consumerProperties("flowctl-csv-");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest".equals(from) ? "earliest" : "latest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "flowctl-csv");
        return props;
    }

    private Instant startTime() {
        if ("earliest".equals(from) || "latest".equals(from)) {
            return null;
        }
        try {
            return Instant.parse(from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--from must be earliest, latest or an ISO-8601 time such as "
                    + "2026-11-27T10:00:00Z, got '" + from + "'");
        }
    }

    private AddressAnonymizer anonymizer() throws IOException {
        if (anonymizeKeyFile == null) {
            return null;
        }
        byte[] key = CryptoPanKey.parse(Files.readString(anonymizeKeyFile, StandardCharsets.UTF_8));
        try {
            return new CryptoPan(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
