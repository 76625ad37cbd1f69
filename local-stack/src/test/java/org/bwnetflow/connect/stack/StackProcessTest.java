package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Spawns tiny real JVMs ({@link Sleeper}) to check start, stop, kill and pid-file handling. */
@Timeout(60)
class StackProcessTest {

    @TempDir
    Path dir;

    private StackProcess started;

    @AfterEach
    void cleanUp() {
        if (started != null) {
            started.kill();
        }
    }

    private static JvmSpec sleeper(String... args) {
        return new JvmSpec("sleeper", KafkaRuntime.currentJava(), System.getProperty("java.class.path"),
                Sleeper.class.getName(), List.of(args), "64m", List.of());
    }

    private StackProcess startSleeper() throws Exception {
        started = StackProcess.start(sleeper(), dir.resolve("logs/sleeper.log"), dir.resolve("pids/sleeper.pid"));
        awaitLogLine(started.logFile(), "sleeper started");
        return started;
    }

    @Test
    void startWritesPidFileAndLogAndStopRemovesThem() throws Exception {
        StackProcess process = startSleeper();

        assertThat(process.isAlive()).isTrue();
        assertThat(StackProcess.readPid(process.pidFile())).hasValue(process.pid());
        assertThat(StackProcess.findRunning(process.pidFile())).map(ProcessHandle::pid).hasValue(process.pid());
        assertThat(Files.readString(process.logFile())).contains("starting sleeper", Sleeper.class.getName());

        process.stop();

        assertThat(process.isAlive()).isFalse();
        assertThat(process.pidFile()).doesNotExist();
        // SIGTERM, not SIGKILL: the JVM ran its shutdown hooks.
        awaitLogLine(process.logFile(), "sleeper got SIGTERM");
    }

    @Test
    void anEnvironmentOfItsOwnReachesTheProcessButNotItsCommandLineOrLog() throws Exception {
        String secret = "env-secret-" + System.nanoTime();
        started = StackProcess.start(sleeper(), java.util.Map.of("FLOWSTACK_TEST_SECRET", secret),
                dir.resolve("logs/sleeper.log"), dir.resolve("pids/sleeper.pid"), false);
        awaitLogLine(started.logFile(), "sleeper started");

        String environ = Files.readString(Path.of("/proc", Long.toString(started.pid()), "environ"));
        assertThat(List.of(environ.split("\0"))).contains("FLOWSTACK_TEST_SECRET=" + secret);
        assertThat(Files.readString(Path.of("/proc", Long.toString(started.pid()), "cmdline"))).doesNotContain(secret);
        assertThat(Files.readString(started.logFile())).doesNotContain(secret);
    }

    @Test
    void killIsSigkill() throws Exception {
        StackProcess process = startSleeper();

        process.kill();

        assertThat(process.isAlive()).isFalse();
        assertThat(process.exitCode()).hasValue(128 + 9);
        assertThat(Files.readString(process.logFile())).doesNotContain("sleeper got SIGTERM");
    }

    @Test
    void stopByPidFileStopsAProcessStartedElsewhere() throws Exception {
        StackProcess process = startSleeper();

        assertThat(StackProcess.stopByPidFile(process.pidFile(), Duration.ofSeconds(20))).isTrue();

        assertThat(ProcessHandle.of(process.pid()).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(process.pidFile()).doesNotExist();
        // Idempotent.
        assertThat(StackProcess.stopByPidFile(process.pidFile(), Duration.ofSeconds(20))).isFalse();
    }

    @Test
    void aReusedPidOfAnUnrelatedProcessIsNeverSignalled() throws IOException {
        // The pid file names a live process that is not ours: this very test JVM.
        Path pidFile = dir.resolve("broker.pid");
        Files.writeString(pidFile, ProcessHandle.current().pid() + "\n");

        assertThat(StackProcess.findRunning(pidFile)).isEmpty();
        assertThat(StackProcess.stopByPidFile(pidFile, Duration.ofSeconds(1))).isFalse();
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void aPidFileOfAnotherStackProcessDoesNotMatch() throws Exception {
        StackProcess process = startSleeper();
        Path otherPidFile = dir.resolve("other/sleeper.pid");
        Files.createDirectories(otherPidFile.getParent());
        Files.writeString(otherPidFile, Long.toString(process.pid()));

        assertThat(StackProcess.findRunning(otherPidFile)).isEmpty();
        assertThat(StackProcess.stopByPidFile(otherPidFile, Duration.ofSeconds(1))).isFalse();
        assertThat(process.isAlive()).isTrue();
    }

    @Test
    void missingEmptyOrGarbagePidFiles() throws IOException {
        Path missing = dir.resolve("missing.pid");
        Path empty = Files.writeString(dir.resolve("empty.pid"), "");
        Path garbage = Files.writeString(dir.resolve("garbage.pid"), "not a pid");

        for (Path pidFile : List.of(missing, empty, garbage)) {
            assertThat(StackProcess.readPid(pidFile)).isEmpty();
            assertThat(StackProcess.findRunning(pidFile)).isEmpty();
            assertThat(StackProcess.stopByPidFile(pidFile, Duration.ofSeconds(1))).isFalse();
            assertThat(pidFile).doesNotExist();
        }
    }

    @Test
    void markerIsFoundInATruncatedCommandLineWhenArgumentsAreUnavailable() {
        String marker = StackProcess.marker(Path.of("/home/x/.flowstack/pids/broker.pid"));

        assertThat(StackProcess.hasMarker(new FakeInfo(null, "/usr/bin/java -Xmx1g " + marker + " -Dx=y kafka.Ka"),
                marker)).isTrue();
        assertThat(StackProcess.hasMarker(new FakeInfo(null, "/usr/bin/java " + marker + "x -Dx=y"), marker)).isFalse();
        assertThat(StackProcess.hasMarker(new FakeInfo(new String[] {"-Xmx1g", marker}, null), marker)).isTrue();
        assertThat(StackProcess.hasMarker(new FakeInfo(null, null), marker)).isFalse();
    }

    @Test
    void runReturnsTheExitCode() {
        assertThat(StackProcess.run(sleeper("exit", "3"), dir.resolve("run.log"), Duration.ofSeconds(30))).isEqualTo(3);
        assertThat(LogTail.of(dir.resolve("run.log"), 1)).isEqualTo("exiting with 3");
    }

    private static void awaitLogLine(Path log, String line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(log) || !Files.readString(log).contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no '" + line + "' in " + log + ":\n" + LogTail.of(log, 20));
            }
            Thread.sleep(50);
        }
    }

    private record FakeInfo(String[] argv, String line) implements ProcessHandle.Info {
        @Override
        public Optional<String> command() {
            return Optional.empty();
        }

        @Override
        public Optional<String> commandLine() {
            return Optional.ofNullable(line);
        }

        @Override
        public Optional<String[]> arguments() {
            return Optional.ofNullable(argv);
        }

        @Override
        public Optional<java.time.Instant> startInstant() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> totalCpuDuration() {
            return Optional.empty();
        }

        @Override
        public Optional<String> user() {
            return Optional.empty();
        }
    }
}
