package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bwnetflow.connect.flowctl.testing.Tools;
import org.junit.jupiter.api.Test;

/**
 * The shipped alerting rules (prometheus/alerts.yml) as Prometheus' own {@code promtool} (Debian
 * package prometheus) reads them: valid rules, their unit tests (prometheus/alerts.test.yml) pass,
 * and every alert has a unit test. That the metrics they use are the ones a worker exports, a real
 * Prometheus scraping a real worker shows (PrometheusScrapeIT).
 */
class PrometheusRulesTest {

    private static final Path DIR = Path.of("prometheus");
    private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\S+)", Pattern.MULTILINE);
    private static final Pattern TESTED = Pattern.compile("^\\s*alertname: (\\S+)", Pattern.MULTILINE);

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        String output = promtool("check", "rules", "alerts.yml");

        assertThat(output).contains("SUCCESS: " + alerts().size() + " rules found");
    }

    @Test
    void theRulesPassTheirUnitTests() throws Exception {
        String output = promtool("test", "rules", "alerts.test.yml");

        assertThat(output).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    void everyAlertHasAUnitTest() throws Exception {
        Set<String> tested = matches(TESTED, Files.readString(DIR.resolve("alerts.test.yml")));

        assertThat(tested).containsExactlyInAnyOrderElementsOf(alerts());
    }

    private static Set<String> alerts() throws Exception {
        Set<String> alerts = matches(ALERT, Files.readString(DIR.resolve("alerts.yml")));
        assertThat(alerts).as("alerts in alerts.yml").isNotEmpty();
        return alerts;
    }

    private static Set<String> matches(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Runs promtool in prometheus/ (the test file names alerts.yml relative to itself); fails unless it exits 0. */
    private static String promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Tools.require("promtool", "prometheus"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("promtool-", ".out");
        Process process = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);
        Files.delete(log);
        assertThat(exited).as("promtool %s did not finish in 60 s: %s", String.join(" ", args), output).isTrue();
        assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
        return output;
    }
}
