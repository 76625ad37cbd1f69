package org.bwnetflow.connect.netflow.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Datagrams the kernel dropped on our UDP port because the socket buffers were full, read from
 * /proc/net/udp and /proc/net/udp6 (Linux). Counts every socket bound to the port on this host,
 * so tasks sharing the port report the same, host-wide number.
 */
final class KernelDropCounter {

    private static final List<Path> TABLES = List.of(Paths.get("/proc/net/udp"), Paths.get("/proc/net/udp6"));

    private final int port;

    KernelDropCounter(int port) {
        this.port = port;
    }

    /** Dropped datagrams, or -1 where the kernel does not tell (not Linux). */
    long drops() {
        long total = 0;
        boolean found = false;
        for (Path table : TABLES) {
            try {
                for (String line : Files.readAllLines(table)) {
                    long drops = dropsOf(line, port);
                    if (drops >= 0) {
                        total += drops;
                        found = true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux, or /proc hidden: nothing to report from this table
            }
        }
        return found ? total : -1;
    }

    /** The drops column of one /proc/net/udp line if its local port is {@code port}, else -1. */
    static long dropsOf(String line, int port) {
        String[] cols = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:tm retrnsmt uid timeout inode ref pointer drops
        if (cols.length < 13 || !cols[0].endsWith(":")) {
            return -1;
        }
        int colon = cols[1].lastIndexOf(':');
        if (colon < 0 || Integer.parseInt(cols[1].substring(colon + 1), 16) != port) {
            return -1;
        }
        return Long.parseLong(cols[12]);
    }
}
