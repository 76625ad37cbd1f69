package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.stack.FlowStack;
import org.bwnetflow.connect.stack.FreePorts;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code flowstack up --prometheus PORT} on a home of its own (free ports, its own QuestDB) with the
 * shipped source (all transforms) and Influx sink; Debian's {@code prometheus} scrapes the worker's
 * JMX exporter with the shipped rules (connect-configs/prometheus/jmx-exporter.yml) and loads the
 * shipped alerts. A PromQL query returns, for each exporter, exactly the flows {@code flowctl
 * generate} sent from it; every metric the alerts use is one the worker really exports; every alert
 * evaluates without error.
 */
class PrometheusScrapeIT {

    private static final String SOURCE = "prometheus-source";
    private static final String SINK = "prometheus-influx-sink";
    private static final int EXPORTERS = 3;
    /** A multiple of exporters × 24 flows per datagram: every exporter sends 480. */
    private static final int FLOWS = 1440;
    private static final int SEED = 61;
    private static final long SCRAPE_TIMEOUT_MILLIS = 90_000;
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(bwnetflow_[a-z0-9_]+|kafka_connect_[a-z0-9_]+)\\b");

    @Test
    void prometheusCountsTheFlowsEachExporterSentAndEvaluatesTheShippedAlerts() throws Exception {
        Path work = Paths.get(System.getProperty("bwnetflow.work.dir", "target/it-stack"))
                .resolve("prometheus-" + System.currentTimeMillis()).toAbsolutePath();
        Path home = Files.createDirectories(work.resolve("home"));
        List<Integer> ports = FreePorts.tcp(7);
        int broker = ports.get(0);
        int controller = ports.get(1);
        int rest = ports.get(2);
        int questDb = ports.get(3);
        int metrics = ports.get(4);
        int prometheusPort = ports.get(5);
        int questDbPg = ports.get(6); // not QuestDB's default 8812: the stacks of the other test JVM may hold it
        int listenPort = FreePorts.udp();
        Path source = connectorFile(work, SOURCE, sourceConfig(listenPort));
        Path sink = connectorFile(work, SINK, sinkConfig(questDb));
        Path rules = ShippedConnector.repositoryRoot().resolve("connect-configs/prometheus/alerts.yml");
        try {
            String up = flowstack("up", "--home", home.toString(), "--broker-port", Integer.toString(broker),
                    "--controller-port", Integer.toString(controller), "--rest-port", Integer.toString(rest),
                    "--questdb-port", Integer.toString(questDb), "--questdb-pg-port", Integer.toString(questDbPg),
                    "--prometheus", Integer.toString(metrics),
                    "--plugin-path", LocalStack.pluginsDir().toString(), "--connector", source.toString(),
                    "--connector", sink.toString());
            assertThat(up).contains("Prometheus metrics at http://127.0.0.1:" + metrics + "/metrics")
                    .contains("connector " + SOURCE + ": RUNNING").contains("connector " + SINK + ": RUNNING");

            try (PrometheusServer prometheus = PrometheusServer.start(work.resolve("prometheus"), prometheusPort,
                    "127.0.0.1:" + metrics, rules)) {
                Map<String, Long> sent = generate(listenPort);
                assertThat(sent).as("flows per exporter the generator sent").hasSize(EXPORTERS)
                        .allSatisfy((exporter, flows) -> assertThat(flows).isEqualTo(FLOWS / EXPORTERS));

                String perExporter = "sum by (exporter) (bwnetflow_source_exporter_flows_total{connector=\"" + SOURCE
                        + "\", exporter!=\"other\"})";
                Map<String, Long> scraped = awaitSeries(prometheus, perExporter, sent);
                System.out.println("PrometheusScrapeIT: " + perExporter + " = " + scraped + ", sent " + sent);
                assertThat(scraped).as("Prometheus' flows per exporter (log: %s)", prometheus.log()).isEqualTo(sent);

                Set<String> exported = metricNames(prometheus);
                assertThat(exported).as("metrics the alerts use").containsAll(namesIn(Files.readString(rules)));
                assertThat(exported).as("the sink's gauges and Connect's task metrics").contains(
                        "bwnetflow_influx_sink_windows_held", "bwnetflow_influx_sink_segments_waiting",
                        "bwnetflow_influx_sink_records_counted_total", "kafka_connect_sink_task_records_active",
                        "bwnetflow_source_kernel_drops_total", "bwnetflow_source_exporter_sequence_missing_total");
                assertThat(sum(prometheus, "bwnetflow_transform_named_total{connector=\"" + SOURCE
                        + "\", transformation=\"proto\"}")).as("ProtoName named every flow").isEqualTo(FLOWS);
                assertThat(sum(prometheus, "kafka_connect_task_status{status=\"running\", connector=~\"" + SOURCE + "|"
                        + SINK + "\"}")).as("both tasks running").isEqualTo(2);
                assertAlertsEvaluate(prometheus);
            }
        } finally {
            flowstack("down", "--home", home.toString());
        }
    }

    private static Map<String, String> sourceConfig(int listenPort) {
        Map<String, String> config = ShippedConnector.read("netflow-source.json");
        config.put("listen.port", Integer.toString(listenPort));
        return config;
    }

    /** The shipped sink, writing to this stack's QuestDB; its login comes from the worker's environment as shipped. */
    private static Map<String, String> sinkConfig(int questDbPort) {
        Map<String, String> config = ShippedConnector.read("influx/influx-sink.json");
        config.put("influx.url", "http://127.0.0.1:" + questDbPort);
        config.put("influx.org", "bwnetflow");
        config.put("influx.token", "");
        return config;
    }

    private static Path connectorFile(Path work, String name, Map<String, String> config) throws Exception {
        Path file = work.resolve(name + ".json");
        new ObjectMapper().writeValue(file.toFile(), Map.of("name", name, "config", config));
        return file;
    }

    private static Map<String, Long> generate(int listenPort) {
        FlowCtlRun generated = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + listenPort, "--rate", "3000",
                "--count", Integer.toString(FLOWS), "--exporters", Integer.toString(EXPORTERS), "--seed",
                Integer.toString(SEED));
        assertThat(generated.exitCode).as(generated.err).isZero();
        Map<String, Long> sent = new TreeMap<>();
        for (JsonNode exporter : generated.lastJson().path("exporters")) {
            sent.put(exporter.path("exporter").asText(), exporter.path("flows").asLong());
        }
        return sent;
    }

    /** The query's value per exporter once it equals {@code expected}, or the last answer when the time is up. */
    private static Map<String, Long> awaitSeries(PrometheusServer prometheus, String promql, Map<String, Long> expected)
            throws Exception {
        long deadline = System.currentTimeMillis() + SCRAPE_TIMEOUT_MILLIS;
        Map<String, Long> values = Map.of();
        while (System.currentTimeMillis() < deadline) {
            values = new TreeMap<>();
            for (JsonNode series : prometheus.query(promql)) {
                values.put(series.path("metric").path("exporter").asText(), series.path("value").get(1).asLong());
            }
            if (values.equals(expected)) {
                return values;
            }
            Thread.sleep(1000);
        }
        return values;
    }

    private static long sum(PrometheusServer prometheus, String selector) throws Exception {
        JsonNode result = prometheus.query("sum(" + selector + ")");
        assertThat(result).as("sum(%s)", selector).hasSize(1);
        return result.get(0).path("value").get(1).asLong();
    }

    private static Set<String> metricNames(PrometheusServer prometheus) throws Exception {
        Set<String> names = new TreeSet<>();
        for (JsonNode series : prometheus.query("count by (__name__) ({__name__=~\"bwnetflow_.+|kafka_connect_.+\"})")) {
            names.add(series.path("metric").path("__name__").asText());
        }
        return names;
    }

    private static Set<String> namesIn(String rules) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = METRIC_NAME.matcher(rules);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        assertThat(names).as("metric names in alerts.yml").isNotEmpty();
        return names;
    }

    /** Every shipped alert is loaded and, after an evaluation, healthy: its query runs on the scraped series. */
    private static void assertAlertsEvaluate(PrometheusServer prometheus) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        Map<String, String> health = new TreeMap<>();
        while (System.currentTimeMillis() < deadline) {
            health.clear();
            for (JsonNode group : prometheus.ruleGroups()) {
                for (JsonNode rule : group.path("rules")) {
                    health.put(rule.path("name").asText(), rule.path("health").asText() + " " + rule.path("lastError")
                            .asText(""));
                }
            }
            if (!health.isEmpty() && health.values().stream().allMatch(h -> h.startsWith("ok"))) {
                break;
            }
            Thread.sleep(1000);
        }
        System.out.println("PrometheusScrapeIT: alerts " + health);
        assertThat(health).as("the shipped alerts").containsKeys("BwNetFlowExporterSilent", "BwNetFlowSequenceLoss",
                "BwNetFlowKernelDrops", "BwNetFlowSinkLag", "BwNetFlowTaskFailed");
        assertThat(health).allSatisfy((alert, state) -> assertThat(state).as(alert).startsWith("ok"));
    }

    private static String flowstack(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = FlowStack.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        int exit = cli.execute(args);
        assertThat(exit).as("flowstack %s: %s", String.join(" ", args), out).isZero();
        return out.toString();
    }
}
