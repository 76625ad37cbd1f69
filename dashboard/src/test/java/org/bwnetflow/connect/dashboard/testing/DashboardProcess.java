package org.bwnetflow.connect.dashboard.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bwnetflow.connect.dashboard.DashboardCommand;

/**
 * {@code dashboard serve} in a JVM of its own with the heap {@code bin/flowstack} gives it
 * (-Xmx256m), on a free port of 127.0.0.1: what an attacker meets. Its output goes to
 * {@code dashboard.out} in the directory given; {@link #log()} reads it.
 */
public final class DashboardProcess implements AutoCloseable {

    private static final Pattern URL = Pattern.compile("^dashboard: (https?://\\S+) ", Pattern.MULTILINE);

    private final Process process;
    private final Path log;
    private final String url;

    private DashboardProcess(Process process, Path log, String url) {
        this.process = process;
        this.log = log;
        this.url = url;
    }

    /** Starts {@code dashboard serve --port 0 ARGS...} and waits until it prints its address. */
    public static DashboardProcess start(Path dir, String... serveArgs) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path log = dir.resolve("dashboard.out");
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                DashboardCommand.class.getName(), "serve", "--listen", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(serveArgs));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-dashboard"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher address = URL.matcher(Files.readString(log));
            if (address.find()) {
                return new DashboardProcess(process, log, address.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("dashboard exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("dashboard did not start within 60 s: " + Files.readString(log));
    }

    public String url() {
        return url;
    }

    public int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
