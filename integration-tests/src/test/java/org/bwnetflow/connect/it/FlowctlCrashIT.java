package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code flowctl csv} and {@code flowctl sqlite}, the packaged program in a process of its own,
 * killed with SIGKILL at random moments (a fixed, printed seed) while flows keep coming, then run
 * to the end: every flow is in the output exactly once, and every CSV row is whole.
 *
 * <p>Half the kills fall at a random time while the tool writes (after the run's first commit), a
 * quarter at once when the output's own commit is done (the database's journal deleted, the CSV
 * directory's progress file replaced), before the tool can tell Kafka, and a quarter at any moment
 * of a run, start-up and repair included.
 */
@ExtendWith(LocalStack.class)
class FlowctlCrashIT {

    private static final long SEED = Long.getLong("flowctl.crash.seed", 20_261_118L);
    private static final int PARTITIONS = 3;
    private static final int BACKLOG = 120_000;
    private static final int KILLS = 10;
    /** A period start 30 minutes ago: flows start in the six periods since, their record times are not in the future. */
    private static final long BASE = System.currentTimeMillis() / 1000 / 300 * 300 - 1_800;
    /** Flows whose send failed (a broker overloaded by the rest of the suite may fence its leader): sent again. */
    private static final Queue<Integer> FAILED_SENDS = new ConcurrentLinkedQueue<>();
    private static final String COLUMNS = "SequenceNum,TimeFlowStart,SrcAddr,Bytes";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    @Test
    void csvKilledAtRandomMomentsEndsWithEveryFlowExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path work = Files.createDirectories(Path.of("target", "flowctl-crash", "csv-" + run).toAbsolutePath());
        Path dir = work.resolve("csv");
        String topic = "crash-csv-" + run;
        String group = "crash-csv-" + run;
        Supplier<String[]> args = () -> new String[] {"csv", topic, "--dir", dir.toString(), "--group", group,
            "--from", "earliest", "--columns", COLUMNS, "--max-open-files", "2", "-b",
            LocalStack.broker().bootstrapServers(), "--command-config", clientConfig(work).toString()};
        // the directory's commit point is its progress file, replaced (renamed over) at every commit
        OutputCommit progressReplaced = deadline -> {
            long before = stamp(dir.resolve(".flowctl-csv-progress"));
            while (stamp(dir.resolve(".flowctl-csv-progress")) == before && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
        };
        int flows = killAtRandomThenFinish(topic, group, work, args, progressReplaced, () -> csvRows(dir).cardinality);

        Rows rows = csvRows(dir);
        assertThat(rows.malformed).as("rows that are not whole or not their flow's").isEmpty();
        assertThat(rows.duplicates).as("flows written twice").isEmpty();
        assertThat(rows.cardinality).as("distinct flows").isEqualTo(flows);
    }

    @Test
    void sqliteKilledAtRandomMomentsEndsWithEveryFlowExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path work = Files.createDirectories(Path.of("target", "flowctl-crash", "sqlite-" + run).toAbsolutePath());
        Path file = work.resolve("flows.db");
        String topic = "crash-sqlite-" + run;
        String group = "crash-sqlite-" + run;
        Supplier<String[]> args = () -> new String[] {"sqlite", file.toString(), topic, "--group", group,
            "--from-beginning", "--fields", COLUMNS, "-b", LocalStack.broker().bootstrapServers(), "--command-config",
            clientConfig(work).toString()};
        // SQLite's rollback journal exists while a transaction writes and is deleted when it has committed
        Path journal = file.resolveSibling(file.getFileName() + "-journal");
        OutputCommit journalDeleted = deadline -> {
            while (!Files.exists(journal) && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            while (Files.exists(journal) && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
        };
        int flows = killAtRandomThenFinish(topic, group, work, args, journalDeleted, () -> sqliteCounts(file)[1]);

        long[] counts = sqliteCounts(file);
        assertThat(counts[0]).as("rows").isEqualTo(flows);
        assertThat(counts[1]).as("distinct flows").isEqualTo(flows);
        assertThat(counts[2]).as("rows that are not their flow's").isZero();
        assertThat(counts[3]).as("lowest sequence number").isEqualTo(1);
        assertThat(counts[4]).as("highest sequence number").isEqualTo(flows);
    }

    /**
     * Produces a backlog and more flows while the tool is started and killed {@link #KILLS} times
     * ({@code commit} waits for the output's own commit); then runs it to the end (until every flow is in,
     * as {@code distinct} counts them); returns how many flows were produced.
     */
    private static int killAtRandomThenFinish(String topic, String group, Path work, Supplier<String[]> args,
                                              OutputCommit commit, CheckedCount distinct) throws Exception {
        Random random = new Random(SEED);
        System.out.println("FlowctlCrashIT " + topic + ": seed " + SEED + " (-Dflowctl.crash.seed=... to change)");
        FAILED_SENDS.clear();
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            AtomicInteger produced = new AtomicInteger();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(LocalStack.broker().clientConfig(),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                produce(producer, topic, produced, BACKLOG);
                producer.flush();
                AtomicBoolean producing = new AtomicBoolean(true);
                Thread more = new Thread(() -> {
                    while (producing.get()) { // about 5,000 flows/s, so the tool is never idle for long
                        produce(producer, topic, produced, 500);
                        sleep(100);
                    }
                }, "flowctl-crash-producer");
                more.start();
                try {
                    for (int kill = 1; kill <= KILLS; kill++) {
                        killOnce(admin, group, work, args, commit, random, kill);
                    }
                } finally {
                    producing.set(false);
                    more.join();
                    producer.flush();
                }
                sendFailedAgain(producer, topic);
            }
            int flows = produced.get();
            assertThat(FAILED_SENDS).as("flows the broker did not take, sent five times").isEmpty();
            assertThat(recordsIn(admin, topic)).as("records in %s (each flow once)", topic).isEqualTo(flows);
            // Runs that end normally until every flow is in, or a run that ran to its --timeout added none (then the
            // caller's assertions say what is missing or broken). A run stops at --max, the flows still missing, so
            // that it does not idle to its timeout; if it first wrote again what the last kill left uncommitted, it
            // stops short of the missing flows, cleanly, and the next run writes the rest.
            long before = -1;
            boolean stoppedAtMax = false;
            for (int finalRun = 1; finalRun <= 5 && distinct.count() < flows && (stoppedAtMax || distinct.count() > before);
                    finalRun++) {
                before = distinct.count();
                long missing = flows - before;
                String[] last = withLimits(args.get(), missing, 60);
                String out = FlowctlProcess.start(work.resolve("final-" + finalRun + ".out"), last).awaitSuccess(120);
                System.out.println("FlowctlCrashIT final run " + finalRun + ": " + out.strip());
                stoppedAtMax = flowsWritten(out) == missing;
            }
            return flows;
        }
    }

    /** When a run is killed. */
    private enum Moment {
        /** a random time after the start: start-up, repair, group join, writing */
        ANY,
        /** a random time after the run's first commit, while it writes */
        WRITING,
        /** at once when the output's own commit is done, after the run's first: before Kafka hears of it */
        OUTPUT_COMMITTED
    }

    /** One run killed: half at a random time while it writes, a quarter just after a commit, a quarter at any time. */
    private static void killOnce(Admin admin, String group, Path work, Supplier<String[]> args, OutputCommit commit,
                                 Random random, int kill) throws Exception {
        int draw = random.nextInt(4);
        Moment moment = draw == 0 ? Moment.ANY : draw == 1 ? Moment.OUTPUT_COMMITTED : Moment.WRITING;
        long delay = moment == Moment.ANY ? random.nextInt(3_000) : moment == Moment.WRITING ? random.nextInt(1_500) : 0;
        long committedBefore = committed(admin, group);
        FlowctlProcess process = FlowctlProcess.start(work.resolve("run-" + kill + ".out"), args.get());
        if (moment != Moment.ANY) {
            awaitFirstCommit(admin, group, committedBefore, process, kill);
        }
        if (moment == Moment.OUTPUT_COMMITTED) {
            commit.await(System.currentTimeMillis() + 30_000);
        }
        Thread.sleep(delay);
        boolean alive = process.kill9();
        assertThat(alive).as("run %d was still running when killed:%n%s", kill, process.output()).isTrue();
        System.out.printf("FlowctlCrashIT kill %d: %s + %d ms, group offsets %d -> %d%n", kill, moment, delay,
                committedBefore, committed(admin, group));
    }

    private static void awaitFirstCommit(Admin admin, String group, long committedBefore, FlowctlProcess process,
                                         int kill) throws Exception {
        long deadline = System.currentTimeMillis() + 90_000;
        while (committed(admin, group) <= committedBefore) {
            if (System.currentTimeMillis() > deadline) {
                process.kill9();
                throw new AssertionError("run " + kill + " committed nothing in 90 s:\n" + process.output());
            }
            Thread.sleep(20);
        }
    }

    private static long committed(Admin admin, String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
    }

    /** Flows with sequence numbers after those produced so far, start times over six periods in mixed order. */
    private static void produce(KafkaProducer<byte[], byte[]> producer, String topic, AtomicInteger produced, int count) {
        for (int n = 0; n < count; n++) {
            int i = produced.incrementAndGet();
            producer.send(record(topic, i), (metadata, e) -> {
                if (e != null) {
                    FAILED_SENDS.add(i);
                }
            });
        }
    }

    private static void sendFailedAgain(KafkaProducer<byte[], byte[]> producer, String topic) throws Exception {
        for (int attempt = 1; attempt <= 5 && !FAILED_SENDS.isEmpty(); attempt++) {
            List<Integer> failed = new ArrayList<>();
            for (Integer i = FAILED_SENDS.poll(); i != null; i = FAILED_SENDS.poll()) {
                failed.add(i);
            }
            System.out.println("FlowctlCrashIT: " + failed.size() + " flows the broker did not take, sent again");
            for (int i : failed) {
                try {
                    producer.send(record(topic, i)).get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    FAILED_SENDS.add(i);
                }
            }
        }
    }

    /** Flow {@code i}: its sequence number, start times over six periods in mixed order. */
    private static ProducerRecord<byte[], byte[]> record(String topic, int i) {
        Struct flow = TestFlows.flow(address(i), "192.0.2.1");
        long start = start(i);
        Flows.setNumber(flow, FlowField.SEQUENCE_NUM, i);
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, start);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, start + 5);
        Flows.setNumber(flow, FlowField.TIME_RECEIVED, start + 6);
        Flows.setNumber(flow, FlowField.BYTES, bytes(i));
        // the record time is the receive time, as the source sets it
        return new ProducerRecord<>(topic, null, (start + 6) * 1000, null, FlowMessageCodec.encode(flow));
    }

    private static long recordsIn(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    private static long start(int i) {
        return BASE + (i * 7_919L) % 1_800;
    }

    private static long bytes(int i) {
        return 1_000_000L + i;
    }

    private static String address(int i) {
        return "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
    }

    /** The rows of every CSV file in the directory, checked against the flow of their sequence number. */
    private static Rows csvRows(Path dir) throws Exception {
        Rows rows = new Rows();
        if (!Files.isDirectory(dir)) {
            return rows;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            String content = Files.readString(file);
            if (!content.isEmpty() && !content.endsWith("\n")) {
                rows.malformed.add(file.getFileName() + " ends in a half line");
            }
            List<String> lines = content.lines().toList();
            if (lines.isEmpty() || !lines.get(0).equals(COLUMNS)) {
                rows.malformed.add(file.getFileName() + " has no header");
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                rows.add(file.getFileName().toString(), line);
            }
        }
        return rows;
    }

    /** Rows seen, by sequence number. */
    private static final class Rows {
        final BitSet seen = new BitSet();
        final List<String> malformed = new ArrayList<>();
        final List<Integer> duplicates = new ArrayList<>();
        int cardinality;

        void add(String fileName, String line) {
            String[] c = line.split(",", -1);
            int i;
            try {
                i = Integer.parseInt(c[0]);
            } catch (NumberFormatException e) {
                malformed.add(fileName + ": " + line);
                return;
            }
            String expected = i + "," + start(i) + "," + address(i) + "," + bytes(i);
            String period = NAME.format(Instant.ofEpochSecond(start(i) / 300 * 300));
            if (i < 1 || !line.equals(expected) || !fileName.equals("flows-" + period + ".csv")) {
                malformed.add(fileName + ": " + line);
                return;
            }
            if (seen.get(i)) {
                duplicates.add(i);
            } else {
                seen.set(i);
                cardinality++;
            }
        }
    }

    /** rows, distinct sequence numbers, rows whose bytes are not their flow's, lowest and highest number. */
    private static long[] sqliteCounts(Path file) throws Exception {
        if (!Files.exists(file)) {
            return new long[5];
        }
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = db.createStatement()) {
            ResultSet tables = sql.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 'flows'");
            tables.next();
            if (tables.getLong(1) == 0) {
                return new long[5];
            }
            ResultSet rows = sql.executeQuery("SELECT count(*), count(DISTINCT sequencenum), "
                    + "sum(CASE WHEN bytes = 1000000 + sequencenum THEN 0 ELSE 1 END), min(sequencenum), "
                    + "max(sequencenum) FROM flows");
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)};
        }
    }

    /** Changes whenever the file is replaced or written; 0 while it does not exist. */
    private static long stamp(Path file) {
        try {
            var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            return (attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS) * 31 + attributes.size()) * 31
                    + java.util.Objects.hashCode(attributes.fileKey()); // the inode: a rename brings a new one
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** A client config that lets a killed member's partitions go after 6 s rather than 45 s. */
    private static Path clientConfig(Path work) {
        Path file = work.resolve("client.properties");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    /** The N of the tool's closing line "flowctl csv: N flows written to ...". */
    private static long flowsWritten(String out) {
        java.util.regex.Matcher written = java.util.regex.Pattern.compile("flowctl \\w+: (\\d+) flows written to ").matcher(out);
        assertThat(written.find()).as("the closing line of a run: %s", out).isTrue();
        return Long.parseLong(written.group(1));
    }

    private static String[] withLimits(String[] args, long max, int seconds) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 4);
        all[args.length] = "--max";
        all[args.length + 1] = Long.toString(max);
        all[args.length + 2] = "--timeout";
        all[args.length + 3] = Integer.toString(seconds);
        return all;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits (until the deadline at most) for the output to complete its next commit. */
    @FunctionalInterface
    private interface OutputCommit {
        void await(long deadlineMillis) throws Exception;
    }

    /** A count that may throw (reads files or a database). */
    @FunctionalInterface
    private interface CheckedCount {
        long count() throws Exception;
    }
}
