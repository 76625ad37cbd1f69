package org.bwnetflow.connect.benchmarks.load;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.KafkaBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The raw flows sink under continuous load with the rest of the pipeline: the source connector
 * with its whole shipped chain, the Influx sink and the raw flows sink on one worker (as the local
 * stack runs them), QuestDB, the broker and the traffic all on this machine. Traffic at one rate
 * for a while; every few seconds the rows in {@code flows_raw}, the records in the router's
 * topics, the raw sink's lag and each process's CPU; then how long the sink takes to catch up.
 */
@Command(name = "raw-flows-load", mixinStandardHelpOptions = true,
        description = "Continuous NetFlow v9 load through the shipped pipeline; rows/s the raw flows sink writes.")
public final class RawFlowsLoad implements Callable<Integer> {

    @Option(names = "--plugin-path", required = true, description = "The unpacked plugin bundle directory's parent")
    Path pluginPath;

    @Option(names = "--repository", defaultValue = ".", description = "The checkout whose connect-configs run")
    Path repository;

    @Option(names = "--rate", defaultValue = "250000", description = "Flows per second (default: ${DEFAULT-VALUE})")
    long rate;

    @Option(names = "--seconds", defaultValue = "90", description = "How long to send (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--sample-seconds", defaultValue = "5", description = "Between samples (default: ${DEFAULT-VALUE})")
    int sampleSeconds;

    @Option(names = "--heap", defaultValue = "768m", description = "The Connect worker's -Xmx (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--connector", description = "Extra source connector setting KEY=VALUE; repeatable")
    Map<String, String> connectorOverrides = new java.util.LinkedHashMap<>();

    @Option(names = "--backlog-seconds", defaultValue = "0",
            description = "Instead of the continuous run: with the raw sink paused, this many seconds of traffic fill the "
                    + "topics; then the sink alone drains them (its capacity, and CPU per row)")
    int backlogSeconds;

    @Option(names = "--work", defaultValue = "target/raw-load", description = "Work directory (default: ${DEFAULT-VALUE})")
    Path work;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RawFlowsLoad()).execute(args));
    }

    /** One sample: totals so far and CPU seconds of each process. */
    record Sample(double at, long records, long rows, long lag, double worker, double questDb, double broker,
            MachineCpu machine) {
    }

    @Override
    public Integer call() throws Exception {
        Path run = work.resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(run);
        List<Integer> kafkaPorts = FreePorts.tcp(2);
        try (KafkaBroker broker = KafkaBroker.start(run.resolve("kafka"), kafkaPorts.get(0), kafkaPorts.get(1));
                TrafficSender sender = new TrafficSender(4, 30, new TrafficAddresses(0));
                ConnectCollector ours = new ConnectCollector(ConnectCollector.Configuration.AS_SHIPPED, null,
                        run.resolve("connect"), broker.bootstrapServers(), List.of(pluginPath), heap, repository,
                        connectorOverrides);
                TopicCounter flowTopics = new TopicCounter(broker.bootstrapServers(), Pattern.compile("flows-.*"))) {
            Probe probe = new Probe(ours, flowTopics, new ProcessCpu(broker.pid()));
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), ours.port());
            sender.sendTemplates(target);
            System.err.println("warming up: 10 s at " + rate / 2 + " flows/s");
            sender.send(target, rate * 5, rate / 2);
            probe.awaitCaughtUp(120);
            if (backlogSeconds > 0) {
                drain(ours, probe, sender, target);
                return 0;
            }
            Sample start = probe.sample(0);
            long t0 = System.nanoTime();
            CompletableFuture<Long> sending = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.send(target, rate * seconds, rate);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            List<Sample> samples = new ArrayList<>(List.of(start));
            while (!sending.isDone()) {
                Thread.sleep(sampleSeconds * 1000L);
                Sample s = probe.sample((System.nanoTime() - t0) / 1e9);
                samples.add(s);
                System.err.println(line(samples.get(samples.size() - 2), s));
            }
            long sent = sending.get();
            Sample end = probe.sample((System.nanoTime() - t0) / 1e9);
            samples.add(end);
            double drain = probe.awaitCaughtUp(300);
            Sample caughtUp = probe.sample((System.nanoTime() - t0) / 1e9);
            System.out.println(report(samples, start, end, caughtUp, sent, drain));
        }
        return 0;
    }

    /** Fills the topics with the raw sink paused, then measures it draining them alone. */
    private void drain(ConnectCollector ours, Probe probe, TrafficSender sender, InetSocketAddress target) throws Exception {
        connectorAction(ours, "pause");
        System.err.println("filling: " + backlogSeconds + " s at " + rate + " flows/s with the raw sink paused");
        sender.send(target, rate * backlogSeconds, rate);
        Thread.sleep(5_000); // the source's last records and the Influx sink settle
        Sample start = probe.sample(0);
        long t0 = System.nanoTime();
        connectorAction(ours, "resume");
        List<Sample> samples = new ArrayList<>(List.of(start));
        while (true) {
            Thread.sleep(sampleSeconds * 1000L);
            Sample s = probe.sample((System.nanoTime() - t0) / 1e9);
            samples.add(s);
            System.err.println(line(samples.get(samples.size() - 2), s));
            if (s.rows >= s.records || s.at > 600) {
                break;
            }
        }
        Sample end = samples.get(samples.size() - 1);
        double span = end.at - start.at;
        long rows = end.rows - start.rows;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "backlog of %,d records drained by the raw sink "
                + "alone in %.1f s: %,.0f rows/s; per million rows: worker %.2f CPU s, QuestDB %.2f CPU s; machine %.0f%% "
                + "busy; rows = records: %s%n%n", rows, span, rows / span, (end.worker - start.worker) / (rows / 1e6),
                (end.questDb - start.questDb) / (rows / 1e6), 100 * end.machine.busySince(start.machine),
                end.rows == end.records));
        out.append("| from s | to s | rows/s written | records/s in | raw sink lag at end (records) | worker cores | QuestDB cores "
                + "| broker cores | machine busy |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 1; i < samples.size(); i++) {
            out.append(line(samples.get(i - 1), samples.get(i))).append('\n');
        }
        System.out.println(out);
    }

    private static void connectorAction(ConnectCollector ours, String action) throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(ours.restUrl().resolve("/connectors/" + ConnectCollector.RAW_SINK + "/"
                        + action)).PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(action + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    private String report(List<Sample> samples, Sample start, Sample end, Sample caughtUp, long sent, double drain) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "rate %,d flows/s for %d s; sent %,d flows; records in flows-*: %,d; rows "
                + "written: %,d (all caught up %.1f s after sending ended; rows = records: %s)%n%n", rate, seconds, sent,
                caughtUp.records - start.records, caughtUp.rows - start.rows, drain,
                caughtUp.rows - start.rows == caughtUp.records - start.records));
        double span = end.at - start.at;
        out.append(String.format(Locale.ROOT, "while sending (%.0f s): %,.0f rows/s written, %,.0f records/s into flows-*, "
                + "worker %.2f cores, QuestDB %.2f cores, broker %.2f cores, machine %.0f%% busy%n%n", span,
                (end.rows - start.rows) / span, (end.records - start.records) / span, (end.worker - start.worker) / span,
                (end.questDb - start.questDb) / span, (end.broker - start.broker) / span,
                100 * end.machine.busySince(start.machine)));
        out.append("| from s | to s | rows/s written | records/s in | raw sink lag at end (records) | worker cores | QuestDB cores "
                + "| broker cores | machine busy |\n|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 1; i < samples.size(); i++) {
            out.append(line(samples.get(i - 1), samples.get(i))).append('\n');
        }
        return out.toString();
    }

    private static String line(Sample a, Sample b) {
        double dt = b.at - a.at;
        return String.format(Locale.ROOT, "| %.0f | %.0f | %,.0f | %,.0f | %,d | %.2f | %.2f | %.2f | %.0f%% |", a.at, b.at,
                (b.rows - a.rows) / dt, (b.records - a.records) / dt, b.lag, (b.worker - a.worker) / dt,
                (b.questDb - a.questDb) / dt, (b.broker - a.broker) / dt, 100 * b.machine.busySince(a.machine));
    }

    /** Reads the totals. */
    private static final class Probe {
        private final ConnectCollector ours;
        private final TopicCounter flowTopics;
        private final ProcessCpu broker;
        private final ProcessCpu worker;
        private final ProcessCpu questDb;
        private final long recordsBefore;

        Probe(ConnectCollector ours, TopicCounter flowTopics, ProcessCpu broker) throws Exception {
            this.ours = ours;
            this.flowTopics = flowTopics;
            this.broker = broker;
            this.worker = new ProcessCpu(ours.workerPid());
            this.questDb = new ProcessCpu(ours.database().pid());
            this.recordsBefore = flowTopics.records();
        }

        Sample sample(double at) throws Exception {
            long records = flowTopics.records();
            return new Sample(at, records, rows(), ours.rawSinkLag(records - recordsBefore), worker.seconds(),
                    questDb.seconds(), broker.seconds(), MachineCpu.now());
        }

        long rows() {
            return ours.database().queryNumber("SELECT count() FROM flows_raw");
        }

        /** Waits until every record in the flow topics is a row; seconds it took. */
        double awaitCaughtUp(int maxSeconds) throws Exception {
            long started = System.nanoTime();
            long deadline = started + maxSeconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                long records = flowTopics.records();
                if (rows() >= records && records > 0) {
                    return (System.nanoTime() - started) / 1e9;
                }
                Thread.sleep(500);
            }
            return Double.NaN;
        }
    }
}
