package org.bwnetflow.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.stack.StackLayout;
import org.bwnetflow.connect.stack.StackProcess;

/**
 * {@code bin/flowstack} exactly as an operator runs it, with its home under target/: the
 * end-to-end tests start, restart and stop the stack through the script, not through a copy of
 * what it does. The script is given the artifacts the Maven build already made (it would build
 * them itself otherwise, which must not happen inside a build).
 */
final class FlowstackScript {

    private final Path root;
    private final Path home;
    private final Path transcript;

    FlowstackScript(Path home) {
        this.root = ShippedConnector.repositoryRoot();
        this.home = home.toAbsolutePath();
        this.transcript = this.home.resolveSibling(this.home.getFileName() + "-flowstack.out");
        for (String glob : List.of("plugin-bundle/target/bwnetflow-connect-*-plugin", "flowctl/target/flowctl-all.jar",
                "local-stack/target/flowstack.classpath", "dashboard/target/dashboard-all.jar")) {
            if (matches(glob).isEmpty()) {
                throw new IllegalStateException(glob + " is missing: run the tests through Maven (mvn verify), which "
                        + "packages the plugin bundle, flowctl, local-stack and the dashboard before the integration tests");
            }
        }
    }

    Path home() {
        return home;
    }

    StackLayout layout() {
        return new StackLayout(home);
    }

    /** Runs {@code bin/flowstack args...}; fails with its output if it does not exit 0 within 5 minutes. */
    String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/flowstack").toString());
        command.addAll(List.of(args));
        try {
            Files.createDirectories(home.getParent());
            Path output = Files.createTempFile(home.getParent(), "flowstack-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().put(StackLayout.HOME_ENV, home.toString());
            Process process = builder.start();
            boolean exited = process.waitFor(5, TimeUnit.MINUTES);
            String text = Files.readString(output);
            Files.delete(output);
            Files.writeString(transcript, "$ flowstack " + String.join(" ", args) + "\n" + text,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            if (!exited) {
                process.destroyForcibly();
                throw new AssertionError("flowstack " + String.join(" ", args) + " did not finish in 5 minutes:\n" + text);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("flowstack " + String.join(" ", args) + " exited " + process.exitValue() + ":\n"
                        + text + "\nlogs in " + layout().logsDir());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The running process of a pid file in the home's pids/ (broker, connect, connect-2, questdb). */
    ProcessHandle process(String name) {
        Optional<ProcessHandle> running = StackProcess.findRunning(layout().pidsDir().resolve(name + ".pid"));
        return running.orElseThrow(() -> new AssertionError(name + " is not running in " + home));
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye to the group. */
    void kill(String name) throws Exception {
        ProcessHandle process = process(name);
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    /** SIGTERM and wait until it is gone: a clean stop, as an operator's systemctl stop. */
    void stop(String name) throws Exception {
        ProcessHandle process = process(name);
        process.destroy();
        process.onExit().get(60, TimeUnit.SECONDS);
    }

    private List<Path> matches(String glob) {
        int slash = glob.lastIndexOf('/');
        Path dir = root.resolve(glob.substring(0, slash));
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + glob.substring(slash + 1));
        try (var files = Files.list(dir)) {
            return files.filter(f -> matcher.matches(f.getFileName())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
