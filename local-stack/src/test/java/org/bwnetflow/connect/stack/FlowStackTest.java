package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI paths that need no running stack (the real start is covered by LocalStackSmokeTest). */
class FlowStackTest {

    @TempDir
    Path home;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = FlowStack.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void statusOfAStackThatNeverRan() {
        assertThat(run("status", "--home", home.toString())).isEqualTo(FlowStack.NOT_RUNNING);
        assertThat(out.toString()).contains("broker: not running", "connect: not running");
    }

    @Test
    void statusReportsStalePidFiles() throws IOException {
        Files.createDirectories(home.resolve("pids"));
        Files.writeString(home.resolve("pids/broker.pid"), ProcessHandle.current().pid() + "\n");

        assertThat(run("status", "--home", home.toString())).isEqualTo(FlowStack.NOT_RUNNING);
        assertThat(out.toString()).contains("broker: not running (stale pid file");
    }

    @Test
    void downIsIdempotentAndNeverTouchesForeignPids() throws IOException {
        Files.createDirectories(home.resolve("pids"));
        Files.writeString(home.resolve("pids/connect.pid"), ProcessHandle.current().pid() + "\n");

        assertThat(run("down", "--home", home.toString())).isZero();
        assertThat(out.toString()).contains("connect: not running (removed stale pid file)", "broker: not running");
        assertThat(home.resolve("pids/connect.pid")).doesNotExist();
        assertThat(run("down", "--home", home.toString())).isZero();
    }

    @Test
    void upChecksItsInputsBeforeStartingAnything() throws IOException {
        assertThat(run("up", "--home", home.toString(), "--plugin-path", home.resolve("nope").toString()))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--plugin-path does not exist");

        Path bad = Files.writeString(home.resolve("bad.json"), "{\"name\": \"x\"}");
        assertThat(run("up", "--home", home.toString(), "--connector", bad.toString()))
                .isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err.toString()).contains("bad.json", "\"config\"");

        assertThat(home.resolve("pids")).doesNotExist();
    }

    @Test
    void versionNamesTheKafkaVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("flowstack 0.1.0-SNAPSHOT (Kafka 4.4.0)");
    }

    @Test
    void withoutSubcommandPrintsUsage() {
        assertThat(run()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(out.toString()).contains("up", "status", "down");
    }
}
