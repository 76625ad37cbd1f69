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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.flowctl.CustomerLogin;
import org.bwnetflow.connect.flowctl.ReadLimits;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
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
 * {@code flowctl csv}: flows from a topic (or a pattern) into CSV files that roll every N
 * minutes by the flows' start time. With {@code --group}, it resumes where it stopped: offsets
 * are committed only after the rows before them reached the files.
 */
@Command(name = "csv", mixinStandardHelpOptions = true,
        description = {"Write flows from TOPIC into CSV files in --dir, one file per --roll-minutes of TimeFlowStart "
                + "(UTC; flows-yyyyMMdd-HHmm.csv), so late flows land in the file of their time.",
            "Progress (records/s, lag) is shown on a terminal; the last line says what was written."})
public final class CsvCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReadLimits limits;

    @Mixin
    CustomerLogin login;

    @Parameters(paramLabel = "TOPIC", description = "Topic to read, or a regular expression with --pattern")
    String topic;

    @Option(names = "--pattern", description = "TOPIC is a regular expression over topic names")
    boolean pattern;

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
            description = "earliest, latest, or an ISO-8601 time such as 2026-11-27T10:00:00Z; with --group only "
                    + "where the group has no offsets yet (default: ${DEFAULT-VALUE})")
    String from;

    @Option(names = "--anonymize-key-file", paramLabel = "FILE",
            description = "Crypto-PAn key (as the Anonymize transform takes it: " + CryptoPanKey.FORMAT + "): "
                    + "address columns are written anonymized")
    Path anonymizeKeyFile;






    private long written;
    private long skipped;

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
        Files.createDirectories(dir);
        limits.start(spec);
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), System.console() != null);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties());
             RollingCsvFiles files = new RollingCsvFiles(dir, rollMinutes * 60L, maxOpenFiles, csvColumns.header())) {
            subscribe(consumer, fromTime);
            while (limits.goOn(written)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    write(record, csvColumns, files);
                    if (limits.reached(written)) {
                        break;
                    }
                }
                files.flush();
                if (login.namedGroup()) {
                    consumer.commitSync(); // only what is in the files
                }
                progress.update(written, consumer);
            }
            files.flush();
            progress.done();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("flowctl csv: %d flows written to %s (%d new files)%s%n", written, dir, files.filesCreated(),
                    skipped > 0 ? ", " + skipped + " records that are not FlowMessages skipped" : "");
            out.flush();
        }
        return 0;
    }

    private void write(ConsumerRecord<byte[], byte[]> record, CsvColumns csvColumns, RollingCsvFiles files) {
        if (record.value() == null) {
            return;
        }
        Struct flow;
        try {
            flow = FlowMessageCodec.decode(record.value());
        } catch (DataException e) {
            skipped++;
            return;
        }
        long start = Flows.number(flow, FlowField.TIME_FLOW_START);
        long time = start != 0 ? start : Flows.number(flow, FlowField.TIME_RECEIVED);
        files.write(time, csvColumns.row(flow));
        written++;
    }

    private void subscribe(KafkaConsumer<byte[], byte[]> consumer, Instant fromTime) {
        ConsumerRebalanceListener listener = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // Offsets are committed after every flush; nothing is pending here.
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (fromTime == null) {
                    return;
                }
                Map<TopicPartition, Long> times = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    if (!login.namedGroup() || consumer.committed(Set.of(tp)).get(tp) == null) {
                        times.put(tp, fromTime.toEpochMilli());
                    }
                }
                Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times);
                offsets.forEach((tp, offset) -> {
                    if (offset == null) {
                        consumer.seekToEnd(List.of(tp));
                    } else {
                        consumer.seek(tp, offset.offset());
                    }
                });
            }
        };
        if (pattern) {
            consumer.subscribe(Pattern.compile(topic), listener);
        } else {
            consumer.subscribe(List.of(topic), listener);
        }
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
