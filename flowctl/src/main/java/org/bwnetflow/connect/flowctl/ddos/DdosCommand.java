package org.bwnetflow.connect.flowctl.ddos;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.ddos.detection.DdosDetector;
import org.bwnetflow.connect.ddos.detection.DetectorSettings;
import org.bwnetflow.connect.ddos.detection.HourlyBaseline;
import org.bwnetflow.connect.flowctl.CustomerLogin;
import org.bwnetflow.connect.flowctl.FilterOptions;
import org.bwnetflow.connect.flowctl.FlowSelection;
import org.bwnetflow.connect.flowctl.FromBeginning;
import org.bwnetflow.connect.flowctl.FlowTimeOption;
import org.bwnetflow.connect.flowctl.ReadLimits;
import org.bwnetflow.connect.flowctl.TopicOptions;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowctl ddos}: flood alerts per destination (or prefix) against a baseline per hour of
 * day. The reading is here; the detection is {@link DdosDetector}'s, which needs no Kafka.
 */
@Command(name = "ddos", mixinStandardHelpOptions = true,
        description = {"Watch the flows of TOPIC for floods: per destination address (or prefix), the bits/s and "
                + "packets/s of a sliding window against a threshold of --multiple x the baseline for the hour of "
                + "day, never below the floors. Time is the flows' own (TimeFlowEnd), so a run over history "
                + "(--from-beginning) alerts as watching live would have; a flow time further than "
                + "--flow-time-tolerance from its record's time is replaced by that (counted in the summary).",
            "Alerts are JSON lines on stdout (start and end, with rates, baseline, threshold, top sources and "
                + "ports; with --update-interval also updates while an alert lasts), also written to --alert-topic "
                + "if given; the summary goes to stderr.",
            "The baseline is learned while running (never from a window in alert) and kept in --baseline FILE; "
                + "a first run over history with --learn-only learns it without alerting."})
public final class DdosCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DdosCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CustomerLogin login;

    @Mixin
    TopicOptions topics;

    @Mixin
    FromBeginning start;

    @Mixin
    ReadLimits limits;

    @Mixin
    FlowTimeOption flowTimeOption;

    @Parameters(paramLabel = "TOPIC", description = "Topic to read, or a regular expression with --pattern")
    String topic;

    @Mixin
    FilterOptions filters;

    @Option(names = "--window", defaultValue = "60", paramLabel = "SECONDS",
            description = "Sliding window the rates are averaged over, 2 to 3600 (default: ${DEFAULT-VALUE})")
    int window;

    @Option(names = "--multiple", defaultValue = "3.0", paramLabel = "X",
            description = "Threshold as a multiple of the baseline, > 1 (default: ${DEFAULT-VALUE})")
    double multiple;

    @Option(names = "--floor-bps", defaultValue = "100000000", paramLabel = "BITS",
            description = "Lowest bits/s threshold, the threshold where there is no baseline (default: ${DEFAULT-VALUE})")
    long floorBps;

    @Option(names = "--floor-pps", defaultValue = "10000", paramLabel = "PACKETS",
            description = "Lowest packets/s threshold (default: ${DEFAULT-VALUE})")
    long floorPps;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Seconds of flow time after the first flow "
            + "before an alert may start (default: one --window, the first window seen in full)")
    Long warmup;

    @Option(names = "--prefix-length-v4", defaultValue = "32", paramLabel = "N",
            description = "Targets are IPv4 destinations cut to this prefix, 0 to 32 (default: ${DEFAULT-VALUE})")
    int prefixV4;

    @Option(names = "--prefix-length-v6", defaultValue = "128", paramLabel = "N",
            description = "Targets are IPv6 destinations cut to this prefix, 0 to 128 (default: ${DEFAULT-VALUE})")
    int prefixV6;

    @Option(names = "--max-targets", defaultValue = "100000", paramLabel = "N",
            description = "Most targets tracked at once and kept in the baseline (default: ${DEFAULT-VALUE})")
    int maxTargets;

    @Option(names = "--zone", defaultValue = "UTC", paramLabel = "ZONE",
            description = "Time zone of the baseline's hours of day, e.g. Europe/Berlin (default: ${DEFAULT-VALUE})")
    String zone;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Baseline file: loaded at start if it exists, saved every --save-interval and at the end")
    Path baselineFile;

    @Option(names = "--save-interval", defaultValue = "300", paramLabel = "SECONDS",
            description = "Seconds (wall time) between saves of the baseline (default: ${DEFAULT-VALUE})")
    long saveInterval;

    @Option(names = "--learn-only", description = "Learn the baseline (needs --baseline) and never alert")
    boolean learnOnly;

    @Option(names = "--update-interval", defaultValue = "0", paramLabel = "SECONDS",
            description = "Also print an update of each open alert every SECONDS of flow time after its start (rates, "
                    + "peak, top sources and ports); then every line has the alert's id and the event's time (at). "
                    + "0: start and end only (default: ${DEFAULT-VALUE})")
    int updateInterval;

    @Option(names = "--alert-topic", paramLabel = "TOPIC", description = "Also write alerts to this topic (key: target)")
    String alertTopic;

    /** How the alert producer is made (the consumer: {@link CustomerLogin#consumersFrom}); a test puts a mock here. */
    Function<Properties, Producer<String, String>> producers = KafkaProducer::new;

    private boolean windowFullWarned;
    private boolean baselineFullWarned;

    @Override
    public Integer call() {
        DetectorSettings settings = settings();
        FlowSelection filter = filters.selection(spec);
        FlowTimes flowTimes = flowTimeOption.flowTimes(spec);
        HourlyBaseline baseline = loadBaseline(zoneId());
        AlertOutput output = new AlertOutput(spec.commandLine().getOut(), alertProducer(), alertTopic, updateInterval > 0);
        DdosDetector detector = new DdosDetector(settings, baseline, output, flowTimes);
        try {
            consume(detector, baseline, filter);
        } finally {
            output.close(); // waits for the alerts on their way to the topic
        }
        long alertsNotWritten = output.failed();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("flowctl ddos: %d flows%s, %d targets, %d alerts (%d still open)%s%s%n", detector.flows(),
                filter.all() ? "" : " that match the filter", detector.targets(), detector.alertsStarted(),
                detector.openAlerts(), notCounted(detector), flowTimes.summary());
        if (alertsNotWritten > 0) {
            err.printf("flowctl ddos: %d alerts not written to topic %s%n", alertsNotWritten, alertTopic);
        }
        err.flush();
        return 0;
    }

    private Producer<String, String> alertProducer() {
        if (alertTopic == null) {
            return null;
        }
        Properties props = login.producerProperties();
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return producers.apply(props);
    }

    private static String notCounted(DdosDetector detector) {
        StringBuilder sb = new StringBuilder();
        if (detector.lateFlows() > 0) {
            sb.append(", ").append(detector.lateFlows()).append(" late flows dropped (older than the window)");
        }
        if (detector.skippedFlows() > 0) {
            sb.append(", ").append(detector.skippedFlows()).append(" without time or destination");
        }
        if (detector.refusedFlows() > 0) {
            sb.append(", ").append(detector.refusedFlows()).append(" not counted (--max-targets reached)");
        }
        return sb.toString();
    }

    /** The options as detector settings, or a usage error naming the option and why. */
    DetectorSettings settings() {
        require(window >= 2 && window <= 3600, "--window must be 2 to 3600 seconds, got " + window);
        require(multiple > 1 && Double.isFinite(multiple), "--multiple must be more than 1, got " + multiple);
        require(floorBps >= 0, "--floor-bps must be 0 or more, got " + floorBps);
        require(floorPps >= 0, "--floor-pps must be 0 or more, got " + floorPps);
        require(warmup == null || warmup >= 0, "--warmup must be 0 or more seconds, got " + warmup);
        require(prefixV4 >= 0 && prefixV4 <= 32, "--prefix-length-v4 must be 0 to 32, got " + prefixV4);
        require(prefixV6 >= 0 && prefixV6 <= 128, "--prefix-length-v6 must be 0 to 128, got " + prefixV6);
        require(maxTargets >= 1, "--max-targets must be 1 or more, got " + maxTargets);
        require(saveInterval >= 1, "--save-interval must be 1 second or more, got " + saveInterval);
        require(updateInterval >= 0, "--update-interval must be 0 (no updates) or more seconds, got " + updateInterval);
        require(!learnOnly || baselineFile != null, "--learn-only needs --baseline FILE to keep what it learns");
        return new DetectorSettings(window, multiple, floorBps, floorPps, warmup == null ? window : warmup, prefixV4,
                prefixV6, maxTargets, learnOnly, updateInterval);
    }

    private void require(boolean ok, String why) {
        if (!ok) {
            throw new ParameterException(spec.commandLine(), why);
        }
    }

    private ZoneId zoneId() {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new ParameterException(spec.commandLine(), "--zone: unknown time zone " + zone + " (e.g. UTC, "
                    + "Europe/Berlin)");
        }
    }

    /** The baseline of --baseline if the file exists, else an empty one; a bad file is a usage error. */
    HourlyBaseline loadBaseline(ZoneId zoneId) {
        HourlyBaseline baseline = new HourlyBaseline(window, zoneId, maxTargets);
        if (baselineFile == null) {
            return baseline;
        }
        Path dir = baselineFile.toAbsolutePath().getParent();
        require(dir != null && Files.isDirectory(dir), "--baseline " + baselineFile + ": no directory " + dir
                + " to save it in");
        if (Files.exists(baselineFile)) {
            try {
                BaselineFile.load(baselineFile, baseline);
            } catch (IOException | IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--baseline " + baselineFile + ": " + e.getMessage());
            }
            log.info("flowctl ddos: baseline of {} targets loaded from {}", baseline.targets().size(), baselineFile);
        }
        return baseline;
    }

    /** Reads flows into the detector until --max, --timeout or Ctrl-C; saves the baseline on the way and at the end. */
    private void consume(DdosDetector detector, HourlyBaseline baseline, FlowSelection filter) {
        var props = login.consumerProperties("flowctl-ddos-");
        start.applyTo(props);
        // Partitions come in chunks of this size: small chunks keep their flow times close, so fewer come late.
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "262144");
        limits.start(spec);
        long nextSave = System.currentTimeMillis() + saveInterval * 1000;
        CountDownLatch done = new CountDownLatch(1);
        try (Consumer<byte[], byte[]> consumer = login.openConsumer(props)) {
            // Ctrl-C: stop polling and let the loop end normally, so the baseline is saved.
            Thread hook = new Thread(() -> stop(consumer, done), "flowctl-ddos-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                topics.subscribe(consumer, topic, limits.waitAtMost(ReadLimits.METADATA_WAIT));
                while (limits.goOn(detector.flows())) {
                    poll(consumer, detector, filter);
                    warnOfLimits(detector, baseline);
                    if (baselineFile != null && System.currentTimeMillis() >= nextSave) {
                        save(baseline);
                        nextSave = System.currentTimeMillis() + saveInterval * 1000;
                    }
                }
            } catch (WakeupException e) {
                log.info("flowctl ddos: stopping");
            } finally {
                if (baselineFile != null) {
                    save(baseline);
                }
                done.countDown();
                removeHook(hook);
            }
        }
    }

    /** Gives the detector the flows the filter keeps (matched on the raw bytes: the others are never decoded). */
    private void poll(Consumer<byte[], byte[]> consumer, DdosDetector detector, FlowSelection filter) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            if (record.value() != null && filter.matches(record.value())) {
                try {
                    detector.accept(FlowMessageCodec.decode(record.value()), record.timestamp());
                } catch (DataException e) {
                    continue; // not a FlowMessage
                }
            }
            if (limits.reached(detector.flows())) {
                return;
            }
        }
    }

    /** The --max-targets warnings (the detection only counts): each once, when first reached. */
    private void warnOfLimits(DdosDetector detector, HourlyBaseline baseline) {
        if (!windowFullWarned && detector.refusedFlows() > 0) {
            windowFullWarned = true;
            log.warn("flowctl ddos: tracking the maximum of {} targets (--max-targets); flows to further "
                    + "targets are not counted until some go quiet", maxTargets);
        }
        if (!baselineFullWarned && baseline.refused() > 0) {
            baselineFullWarned = true;
            log.warn("flowctl ddos: the baseline holds the maximum of {} targets (--max-targets); "
                    + "further targets are not learned", maxTargets);
        }
    }

    private void save(HourlyBaseline baseline) {
        try {
            BaselineFile.save(baseline, baselineFile);
        } catch (IOException e) {
            log.warn("flowctl ddos: cannot save the baseline to {}: {}", baselineFile, e.toString());
        }
    }

    private static void stop(Consumer<byte[], byte[]> consumer, CountDownLatch done) {
        consumer.wakeup();
        try {
            done.await(30, TimeUnit.SECONDS); // the loop saves the baseline, then lets the JVM exit
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running already
        }
    }
}
