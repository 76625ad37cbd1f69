package org.bwnetflow.connect.benchmarks.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.KafkaBroker;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * UDP to Kafka under stepped load, on one machine over 127.0.0.1: a real broker, then each
 * collector on its own (ours as shipped with its sink, ours as a bare source, pmacct's nfacctd to
 * Kafka, nfdump's nfcapd to disk) receives the same NetFlow v9 at each rate; per step: flows
 * delivered, loss, CPU seconds of the collector's processes per million flows, memory, and for
 * ours as shipped how far its sink is behind. Each rate is repeated; the medians count.
 */
@Command(name = "load-harness", mixinStandardHelpOptions = true,
        description = "Stepped NetFlow v9 load against bwNetFlow Connect, nfacctd and nfcapd; writes a Markdown report.")
public final class LoadHarness implements Callable<Integer> {

    @Option(names = "--plugin-path", required = true, description = "The unpacked plugin bundle directory's parent")
    Path pluginPath;

    @Option(names = "--collectors", split = ",", defaultValue = "ours,ours-source-only,nfacctd,nfcapd",
            description = "Which collectors, in order: ours (as shipped: the source's whole transform chain and the "
                    + "Influx sink into QuestDB on the same worker), ours-source-only (transforms off, no sink), "
                    + "baseline (as shipped from --baseline-repository and --baseline-plugin-path), nfacctd, nfcapd "
                    + "(default: ${DEFAULT-VALUE})")
    List<String> collectors;

    @Option(names = "--rates", split = ",", defaultValue = "100000,200000,300000,400000,500000,600000,800000,1000000",
            description = "Flows per second of the steps (default: ${DEFAULT-VALUE})")
    List<Long> rates;

    @Option(names = "--seconds", defaultValue = "10", description = "Length of a step (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--repeats", defaultValue = "3", description = "Runs per rate; medians are reported (default: ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--exporters", defaultValue = "4", description = "Simulated exporters (default: ${DEFAULT-VALUE})")
    int exporters;

    @Option(names = "--flows-per-datagram", defaultValue = "30", description = "(default: ${DEFAULT-VALUE})")
    int flowsPerDatagram;

    @Option(names = "--heap", defaultValue = "768m", description = "The Connect worker's -Xmx (default: ${DEFAULT-VALUE})")
    String heap;

    @Option(names = "--repository", defaultValue = ".",
            description = "The checkout whose connect-configs (connectors as shipped, their enrichment files, QuestDB's "
                    + "tables) ours runs (default: the current directory)")
    Path repository;

    @Option(names = "--baseline-repository", description = "Another checkout (e.g. a worktree of an older commit) for "
            + "the baseline collector")
    Path baselineRepository;

    @Option(names = "--baseline-plugin-path", description = "That checkout's unpacked plugin bundle's parent")
    Path baselinePluginPath;

    @Option(names = "--connector", description = "Extra source connector setting KEY=VALUE for ours; repeatable")
    Map<String, String> connectorOverrides = new LinkedHashMap<>();

    @Option(names = "--repeat-share", defaultValue = "0",
            description = "Share of flows (0..1) from " + TrafficAddresses.REPEAT_TALKERS + " repeat talkers; the rest "
                    + "are new address pairs (default: ${DEFAULT-VALUE}: every flow a new pair)")
    double repeatShare;

    @Option(names = "--stop-above-loss", defaultValue = "0.05",
            description = "Skip higher rates once a rate's median loss exceeds this (default: ${DEFAULT-VALUE})")
    double stopAboveLoss;

    @Option(names = "--work", defaultValue = "target/load", description = "Work directory (default: ${DEFAULT-VALUE})")
    Path work;

    @Option(names = "--out", defaultValue = "target/load/results.md", description = "Report (default: ${DEFAULT-VALUE})")
    Path out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadHarness()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path run = work.resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(run);
        List<Integer> kafkaPorts = FreePorts.tcp(2);
        List<Result> results = new ArrayList<>();
        try (KafkaBroker broker = KafkaBroker.start(run.resolve("kafka"), kafkaPorts.get(0), kafkaPorts.get(1));
                TrafficSender sender = new TrafficSender(exporters, flowsPerDatagram, new TrafficAddresses(repeatShare))) {
            ProcessCpu brokerCpu = new ProcessCpu(broker.pid());
            for (String which : collectors) {
                try (Collector collector = open(which, run, broker, kafkaPorts.get(0))) {
                    results.addAll(measure(collector, sender, brokerCpu));
                }
            }
        }
        String report = Report.markdown(results, this);
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        return 0;
    }

    private Collector open(String which, Path run, KafkaBroker broker, int kafkaPort) throws Exception {
        return switch (which) {
            case "ours" -> new ConnectCollector(ConnectCollector.Configuration.AS_SHIPPED, null, run.resolve("connect"),
                    broker.bootstrapServers(), List.of(pluginPath), heap, repository, connectorOverrides);
            case "ours-source-only" -> new ConnectCollector(ConnectCollector.Configuration.SOURCE_ONLY, null,
                    run.resolve("connect-source-only"), broker.bootstrapServers(), List.of(pluginPath), heap, repository,
                    connectorOverrides);
            case "baseline" -> {
                if (baselineRepository == null || baselinePluginPath == null) {
                    throw new CommandLine.ParameterException(new CommandLine(this),
                            "the baseline collector needs --baseline-repository and --baseline-plugin-path");
                }
                yield new ConnectCollector(ConnectCollector.Configuration.AS_SHIPPED, "bwnetflow-connect as shipped, before ("
                        + baselineRepository.toAbsolutePath().normalize().getFileName() + ")", run.resolve("connect-baseline"),
                        broker.bootstrapServers(), List.of(baselinePluginPath), heap, baselineRepository, Map.of());
            }
            case "nfacctd" -> new NfacctdCollector(run.resolve("nfacctd"), "127.0.0.1", kafkaPort, broker.bootstrapServers());
            case "nfcapd" -> new NfcapdCollector(run.resolve("nfcapd"));
            default -> throw new CommandLine.ParameterException(new CommandLine(this), "unknown collector " + which);
        };
    }

    private List<Result> measure(Collector collector, TrafficSender sender, ProcessCpu brokerCpu) throws Exception {
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), collector.port());
        System.err.printf("%s: warming up%n", collector.name());
        collector.beginStep();
        sender.sendTemplates(target);
        sender.send(target, rates.get(0) * 5, rates.get(0));
        collector.delivered();
        List<Result> results = new ArrayList<>();
        for (long rate : rates) {
            List<Step> steps = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                steps.add(step(collector, sender, target, rate, brokerCpu));
            }
            Result result = new Result(collector.name(), rate, steps);
            results.add(result);
            System.err.printf("%s at %,d flows/s: %s%n", collector.name(), rate, result.summary());
            if (result.medianLoss() > stopAboveLoss) {
                break;
            }
        }
        return results;
    }

    private Step step(Collector collector, TrafficSender sender, InetSocketAddress target, long rate, ProcessCpu brokerCpu)
            throws Exception {
        collector.beginStep();
        double cpuBefore = collector.cpuSeconds();
        double brokerBefore = brokerCpu.seconds();
        MachineCpu machineBefore = MachineCpu.now();
        long started = System.nanoTime();
        long sent = sender.send(target, rate * seconds, rate);
        double sendSeconds = (System.nanoTime() - started) / 1e9;
        // while the flows were sent: the step's steady state, before the drain
        double machineBusy = MachineCpu.now().busySince(machineBefore);
        double brokerSeconds = brokerCpu.seconds() - brokerBefore;
        long memory = collector.memoryBytes();
        long delivered = collector.delivered();
        double cpu = collector.cpuSeconds() - cpuBefore;
        return new Step(sent, delivered, sendSeconds, cpu, memory, collector.sinkLag(), brokerSeconds / sendSeconds,
                machineBusy);
    }

    String describeMachine() throws IOException {
        String cpu = Files.readAllLines(Paths.get("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("?");
        // procfs files report size 0: read them line by line, not with readString
        String rmem = Files.readAllLines(Paths.get("/proc/sys/net/core/rmem_max")).get(0).trim();
        return Runtime.getRuntime().availableProcessors() + " CPUs (" + cpu + "), " + System.getProperty("java.vm.name")
                + " " + System.getProperty("java.version") + ", Linux " + System.getProperty("os.version")
                + ", net.core.rmem_max " + rmem;
    }

    String settings() {
        return "steps of " + seconds + " s, " + repeats + " runs per rate (medians), " + exporters + " exporters, "
                + flowsPerDatagram + " flows per datagram, " + new TrafficAddresses(repeatShare).describe() + ", worker -Xmx"
                + heap + ", our connectors as in connect-configs/connectors"
                + (connectorOverrides.isEmpty() ? "" : ", source connector " + connectorOverrides);
    }

    /** One run at one rate. */
    /**
     * @param brokerCores the broker's CPU seconds per second of sending
     * @param machineBusy share of the whole machine's CPUs busy while sending (everything on it)
     */
    record Step(long sent, long delivered, double sendSeconds, double cpuSeconds, long memoryBytes, long sinkLag,
            double brokerCores, double machineBusy) {
        double loss() {
            return sent == 0 ? 0 : Math.max(0, 1 - (double) delivered / sent);
        }

        double cpuPerMillion() {
            return delivered == 0 ? Double.NaN : cpuSeconds / (delivered / 1e6);
        }
    }

    /** All runs of one collector at one rate. */
    record Result(String collector, long rate, List<Step> steps) {
        double medianLoss() {
            return median(steps.stream().mapToDouble(Step::loss).toArray());
        }

        double medianCpuPerMillion() {
            return median(steps.stream().mapToDouble(Step::cpuPerMillion).toArray());
        }

        double medianBrokerCores() {
            return median(steps.stream().mapToDouble(Step::brokerCores).toArray());
        }

        double medianMachineBusy() {
            return median(steps.stream().mapToDouble(Step::machineBusy).toArray());
        }

        long maxSinkLag() {
            return steps.stream().mapToLong(Step::sinkLag).max().orElse(-1);
        }

        long maxMemory() {
            return steps.stream().mapToLong(Step::memoryBytes).max().orElse(-1);
        }

        double achievedRate() {
            return median(steps.stream().mapToDouble(s -> s.sent() / s.sendSeconds()).toArray());
        }

        String summary() {
            return String.format("loss %.3f%%, %.2f CPU s per M flows, memory %s, sent at %,.0f flows/s, broker %.2f cores,"
                    + " machine %.0f%% busy%s", medianLoss() * 100, medianCpuPerMillion(), Report.mib(maxMemory()), achievedRate(),
                    medianBrokerCores(), medianMachineBusy() * 100,
                    maxSinkLag() < 0 ? "" : String.format(", sink behind by %,d records", maxSinkLag()));
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
        }
    }
}
