package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The JMX exporter agent as up --prometheus attaches it (the scrape itself: PrometheusScrapeIT). */
class PrometheusAgentTest {

    @TempDir
    Path dir;

    @Test
    void eachWorkerServesOnItsOwnLoopbackPortCountingUp() {
        PrometheusAgent agent = new PrometheusAgent(Path.of("/opt/agent.jar"), Path.of("/etc/rules.yml"), 9404);

        assertThat(agent.jvmOption(1)).isEqualTo("-javaagent:/opt/agent.jar=127.0.0.1:9404:/etc/rules.yml");
        assertThat(agent.jvmOption(2)).isEqualTo("-javaagent:/opt/agent.jar=127.0.0.1:9405:/etc/rules.yml");
        assertThat(agent.metricsUrl(3)).hasToString("http://127.0.0.1:9406/metrics");
        assertThatThrownBy(() -> agent.port(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBuildProvidesTheAgentFromMavenAndTheShippedRules() {
        PrometheusAgent agent = PrometheusAgent.built(9404, null);

        assertThat(agent.jar()).isRegularFile();
        assertThat(agent.jar().getFileName().toString()).startsWith("jmx_prometheus_javaagent-").endsWith(".jar");
        assertThat(agent.config()).isRegularFile()
                .isEqualTo(Path.of("..", "connect-configs", "prometheus", "jmx-exporter.yml").toAbsolutePath().normalize());
    }

    @Test
    void anOperatorsRulesFileMustExist() throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.yml"), "rules: []\n");

        assertThat(PrometheusAgent.built(9404, rules).config()).isEqualTo(rules);
        assertThatThrownBy(() -> PrometheusAgent.built(9404, dir.resolve("missing.yml")))
                .isInstanceOf(StackException.class).hasMessageContaining("missing.yml");
    }

    @Test
    void aJarPathTheJvmWouldSplitIsRefused() {
        assertThatThrownBy(() -> new PrometheusAgent(Path.of("/opt/a=b/agent.jar"), Path.of("/r.yml"), 9404))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'='");
    }

    @Test
    void theRuntimeHandsTheAgentOptionToTheWorkerJvm() {
        PrometheusAgent agent = new PrometheusAgent(Path.of("/opt/agent.jar"), Path.of("/etc/rules.yml"), 9404);
        KafkaRuntime runtime = new KafkaRuntime("/usr/bin/java", List.of(Path.of("/a.jar")))
                .withJvmOptions(List.of(agent.jvmOption(2)));

        List<String> command = runtime.jvm("connect", ConnectWorker.MAIN_CLASS, List.of("worker.properties")).command();

        assertThat(command).contains("-XX:+ExitOnOutOfMemoryError", agent.jvmOption(2))
                .endsWith(ConnectWorker.MAIN_CLASS, "worker.properties");
        assertThat(command.indexOf(agent.jvmOption(2))).isLessThan(command.indexOf(ConnectWorker.MAIN_CLASS));
    }

    @Test
    void upChecksThePrometheusOptionsBeforeStartingAnything() {
        assertThat(up("--prometheus", "70000")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(up("--prometheus-config", dir.resolve("rules.yml").toString())).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(dir.resolve("home").resolve("pids")).doesNotExist();
    }

    private int up(String... options) {
        CommandLine cli = FlowStack.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        String[] args = new String[options.length + 3];
        args[0] = "up";
        args[1] = "--home";
        args[2] = dir.resolve("home").toString();
        System.arraycopy(options, 0, args, 3, options.length);
        int exit = cli.execute(args);
        assertThat(err.toString()).contains("--prometheus");
        return exit;
    }
}
