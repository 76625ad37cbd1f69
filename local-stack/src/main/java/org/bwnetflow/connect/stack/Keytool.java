package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's own {@code keytool}, of the JVM running this code, as a subprocess: the JDK has no public API that makes
 * certificates. Key store passwords reach it only as {@code -storepass:file} paths, never as arguments, so they stay
 * off command lines ({@code ps}, {@code /proc/PID/cmdline}).
 */
final class Keytool {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final Path executable;

    Keytool() {
        this(Path.of(System.getProperty("java.home"), "bin", "keytool"));
    }

    Keytool(Path executable) {
        this.executable = executable;
    }

    /** Runs {@code keytool args...} in {@code workDir}; fails with keytool's own output unless it exits 0. */
    void run(Path workDir, List<String> args) {
        if (args.stream().anyMatch(arg -> arg.matches("-(store|key|srcstore|deststore|srckey|destkey)pass"))) {
            throw new IllegalArgumentException("keytool passwords only as :file options, never as arguments");
        }
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        Path output = workDir.resolve("keytool.out");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            process.getOutputStream().close(); // a question from keytool gets no answer, not a hang
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new StackException("keytool " + args.get(0) + " did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new StackException("keytool " + args.get(0) + " failed (exit code " + process.exitValue() + "): "
                        + Files.readString(output, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running keytool " + args.get(0), e);
        }
    }
}
