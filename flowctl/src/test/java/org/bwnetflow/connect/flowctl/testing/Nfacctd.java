package org.bwnetflow.connect.flowctl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * pmacct's collector, nfacctd, listening on a free UDP port of 127.0.0.1 with its print plugin
 * writing every flow (aggregated by everything that tells flows apart, times included) to a CSV
 * file; {@link #stopAndRead()} stops it and returns the rows keyed by pmacct's column names
 * (SRC_IP, DST_IP, SRC_PORT, PROTOCOL, PACKETS, BYTES, TIMESTAMP_START in UTC, ...).
 */
public final class Nfacctd implements AutoCloseable {

    private static final String AGGREGATE = "src_host, dst_host, src_port, dst_port, proto, tos, in_iface, out_iface, "
            + "src_as, dst_as, src_mask, dst_mask, timestamp_start, timestamp_end, tcpflags, vlan, src_mac, dst_mac";

    private final Path dir;
    private final int port;
    private final Process process;

    private Nfacctd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static Nfacctd start(Path dir) throws Exception {
        String nfacctd = Tools.require("nfacctd", "pmacct");
        Files.createDirectories(dir);
        int port = Tools.freeLoopbackUdpPort();
        Path config = dir.resolve("nfacctd.conf");
        Files.writeString(config, String.join("\n",
                "daemonize: false",
                "nfacctd_ip: 127.0.0.1",
                "nfacctd_port: " + port,
                "plugins: print",
                "print_output: csv",
                "print_output_file: " + dir.resolve("flows.csv"),
                "print_output_file_append: true",
                "print_refresh_time: 1",
                "timestamps_secs: true",
                "timestamps_utc: true",
                "aggregate: " + AGGREGATE,
                ""));
        Path log = dir.resolve("nfacctd.log");
        ProcessBuilder builder = new ProcessBuilder(nfacctd, "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TZ", "UTC");
        Nfacctd collector = new Nfacctd(dir, port, builder.start());
        Tools.awaitLogLine(collector.process, log, "waiting for NetFlow/IPFIX data", "nfacctd");
        return collector;
    }

    public int port() {
        return port;
    }

    /** Waits for the print plugin's next write, stops nfacctd and reads its CSV. */
    public List<Map<String, String>> stopAndRead() throws Exception {
        Thread.sleep(2_500); // print_refresh_time is 1 s
        close();
        Path csv = dir.resolve("flows.csv");
        if (!Files.exists(csv)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(csv);
        List<Map<String, String>> rows = new ArrayList<>();
        String[] header = null;
        for (String line : lines) {
            if (line.startsWith("SRC_") || line.startsWith("DST_") || header == null) {
                header = line.split(","); // appended files repeat the header
                continue;
            }
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length && c < cells.length; c++) {
                row.put(header[c].trim(), cells[c].trim());
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
