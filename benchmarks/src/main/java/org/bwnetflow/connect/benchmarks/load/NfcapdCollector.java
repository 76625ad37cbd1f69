package org.bwnetflow.connect.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bwnetflow.connect.stack.FreePorts;

/**
 * nfdump's nfcapd writing to disk (Debian package nfdump): a collector-only baseline, no Kafka.
 * It writes its files when it rotates or stops, so every step runs its own nfcapd into its own
 * directory; the flows on disk are what {@code nfdump -I} counts there.
 */
final class NfcapdCollector implements Collector {

    private static final Pattern FLOWS = Pattern.compile("^Flows:\\s+(\\d+)", Pattern.MULTILINE);

    private final Path workDir;
    private final int port;
    private final String nfcapd;
    private final String nfdump;
    private Process process;
    private Path stepDir;
    private int step;
    /** CPU of the nfcapd processes of earlier steps (each is stopped to write its file). */
    private double stoppedCpu;

    NfcapdCollector(Path workDir) throws IOException {
        this.workDir = workDir;
        this.port = FreePorts.udp();
        this.nfcapd = NfacctdCollector.requireProgram("nfcapd");
        this.nfdump = NfacctdCollector.requireProgram("nfdump");
    }

    @Override
    public String name() {
        return "nfdump nfcapd (disk)";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void beginStep() throws Exception {
        stop();
        stepDir = workDir.resolve("step-" + step++);
        Files.createDirectories(stepDir);
        process = new ProcessBuilder(nfcapd, "-w", stepDir.toString(), "-p", Integer.toString(port), "-b", "127.0.0.1",
                "-B", "33554432", "-t", "3600").redirectErrorStream(true)
                .redirectOutput(stepDir.resolve("nfcapd.log").toFile()).start();
        Thread.sleep(1000);
        if (!process.isAlive()) {
            throw new IllegalStateException("nfcapd exited: " + Files.readString(stepDir.resolve("nfcapd.log")));
        }
    }

    @Override
    public long delivered() throws Exception {
        Thread.sleep(2000);
        stop(); // writes the file
        Process count = new ProcessBuilder(nfdump, "-R", stepDir.toString(), "-I").redirectErrorStream(true).start();
        String out = new String(count.getInputStream().readAllBytes());
        count.waitFor(60, TimeUnit.SECONDS);
        Matcher m = FLOWS.matcher(out);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Override
    public double cpuSeconds() {
        return stoppedCpu + (process != null && process.isAlive() ? new ProcessCpu(process.pid()).seconds() : 0);
    }

    @Override
    public long memoryBytes() {
        return -1;
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stoppedCpu += new ProcessCpu(process.pid()).seconds();
            NfacctdCollector.stopTree(process);
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
