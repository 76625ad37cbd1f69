package org.bwnetflow.connect.flowctl.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * nfdump's collector, nfcapd, listening on a free UDP port of 127.0.0.1 and writing into a
 * directory; {@link #stopAndDump()} stops it (SIGTERM makes it write its file) and returns what
 * nfdump lists, one map per flow keyed by nfdump's csv column names (sa, da, sp, dp, pr, ipkt,
 * ibyt, in, out, ts, te (UTC), ra, ...).
 */
public final class Nfcapd implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final Process process;

    private Nfcapd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static Nfcapd start(Path dir) throws Exception {
        return start(dir, Tools.freeLoopbackUdpPort());
    }

    /** On a given port: a collector that restarts listens where it did. */
    public static Nfcapd start(Path dir, int port) throws Exception {
        String nfcapd = Tools.require("nfcapd", "nfdump");
        Files.createDirectories(dir);
        Path log = dir.resolve("nfcapd.log");
        Process process = new ProcessBuilder(nfcapd, "-w", dir.toString(), "-p", String.valueOf(port), "-b", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Nfcapd collector = new Nfcapd(dir, port, process);
        Tools.awaitLogLine(collector.process, log, "Startup", "nfcapd");
        return collector;
    }

    public int port() {
        return port;
    }

    /** Stops nfcapd and lists its flows with {@code nfdump -o csv}. */
    public List<Map<String, String>> stopAndDump() throws Exception {
        stop();
        String nfdump = Tools.require("nfdump", "nfdump");
        ProcessBuilder builder = new ProcessBuilder(nfdump, "-R", dir.toString(), "-o", "csv")
                .redirectError(dir.resolve("nfdump.err").toFile());
        builder.environment().put("TZ", "UTC"); // times as "yyyy-MM-dd HH:mm:ss" in UTC
        Process dump = builder.start();
        String csv = new String(dump.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        if (dump.waitFor() != 0) {
            throw new AssertionError("nfdump failed: " + csv + Files.readString(dir.resolve("nfdump.err")));
        }
        return parse(csv);
    }

    /** nfdump's csv: a header line, one line per flow, then a blank line and a summary. */
    static List<Map<String, String>> parse(String csv) {
        String[] lines = csv.split("\n");
        String[] header = lines[0].split(",");
        List<Map<String, String>> flows = new ArrayList<>();
        for (int i = 1; i < lines.length && !lines[i].isBlank() && !lines[i].startsWith("Summary"); i++) {
            String[] cells = lines[i].split(",", -1);
            if (cells.length != header.length) {
                throw new AssertionError("nfdump line " + i + " has " + cells.length + " cells, the header "
                        + header.length + ": " + lines[i]);
            }
            Map<String, String> flow = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                flow.put(header[c].trim(), cells[c].trim());
            }
            flows.add(flow);
        }
        return flows;
    }

    private void stop() throws InterruptedException {
        process.destroy(); // SIGTERM: nfcapd writes out its file
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("nfcapd did not stop within 20 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
