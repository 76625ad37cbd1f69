package org.bwnetflow.connect.flowctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The commands that read flows take the same options the same way: one login (CustomerLogin), one --format, one
 * pair of limits (--max, --timeout), one --pattern, one --filter; mistakes in them are the same one-line usage errors.
 */
class ReadingCommandsTest {

    @TempDir
    Path tmp;

    private FlowCtlRun run(String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command));
        switch (command) {
            case "csv" -> args.addAll(List.of("--dir", tmp.resolve("csv").toString()));
            case "sqlite" -> args.add(tmp.resolve("flows.db").toString());
            default -> { }
        }
        args.add("flows-1000");
        args.addAll(List.of(more));
        return FlowCtlRun.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tail", "csv", "sqlite", "top", "ddos", "bogons"})
    void everyReaderTakesTheSameLoginLimitsAndTopicOptions(String command) {
        FlowCtlRun help = FlowCtlRun.run(command, "--help");

        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("--bootstrap-server", "--sasl-user", "--password-file", "--truststore",
                "--truststore-password-file", "--command-config", "--consumer-property", "--max", "--timeout",
                "--pattern", "--filter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tail", "bogons"})
    void anUnknownFormatIsRefusedAlikeEverywhere(String command) {
        FlowCtlRun run = run(command, "--format", "xml");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).startsWith("Invalid value for option '--format': expected one of [pretty, json] "
                + "(case-insensitive) but was 'xml'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tail", "csv", "sqlite", "top", "ddos", "bogons"})
    void aLoginMistakeIsAOneLineUsageError(String command) {
        FlowCtlRun run = run(command, "--sasl-user", "tenant-1000", "--timeout", "1");

        assertThat(run.exitCode).as(run.err).isEqualTo(2);
        assertThat(run.err.strip()).isEqualTo("flowctl " + command + ": --sasl-user needs --password-file");
    }

    @Test
    void tailRefusesAGroupItWouldIgnore() {
        FlowCtlRun run = run("tail", "--group", "1000-mine");

        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--group: tail reads without a consumer group and commits nothing");
    }
}
