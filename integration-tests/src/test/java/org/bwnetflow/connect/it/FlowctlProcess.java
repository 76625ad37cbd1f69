package org.bwnetflow.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged flowctl ({@code flowctl/target/flowctl-all.jar}, what {@code bin/flowctl} runs)
 * as a process of its own, so a test can kill it with SIGKILL as a crash or an OOM killer would.
 */
final class FlowctlProcess {

    private final Process process;
    private final Path output;
    private final String command;

    private FlowctlProcess(Process process, Path output, String command) {
        this.process = process;
        this.output = output;
        this.command = command;
    }

    /** Starts {@code flowctl args...}; stdout and stderr go to {@code output}. */
    static FlowctlProcess start(Path output, String... args) {
        Path jar = ShippedConnector.repositoryRoot().resolve("flowctl/target/flowctl-all.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the tests through Maven (mvn verify), which "
                    + "packages flowctl before the integration tests");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString()));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(output.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            return new FlowctlProcess(process, output, String.join(" ", args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL (Process.destroyForcibly on Linux), then waits until it is gone; false if it had exited already. */
    boolean kill9() throws InterruptedException {
        boolean wasAlive = process.isAlive();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("flowctl " + command + " survived SIGKILL");
        }
        return wasAlive;
    }

    /** Waits for a normal exit; fails with the output when it takes longer or exits non-zero. */
    String awaitSuccess(long seconds) throws Exception {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("flowctl " + command + " did not finish in " + seconds + " s:\n" + output());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("flowctl " + command + " exited " + process.exitValue() + ":\n" + output());
        }
        return output();
    }

    String output() throws IOException {
        return Files.readString(output);
    }
}
