package org.bwnetflow.connect.flowctl.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CSV files of one period each ({@code flows-yyyyMMdd-HHmm.csv}, UTC, by the flow's start), so
 * a late flow lands in the file of its time. A file gets the header when it is created; at most
 * {@code maxOpen} files are open, the least recently written one is closed first and appended
 * to again if a flow of its period comes later.
 */
final class RollingCsvFiles implements AutoCloseable {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final long periodSeconds;
    private final int maxOpen;
    private final String header;
    private final Map<Long, BufferedWriter> open = new LinkedHashMap<>(16, 0.75f, true);
    private long filesCreated;

    RollingCsvFiles(Path dir, long periodSeconds, int maxOpen, String header) {
        this.dir = dir;
        this.periodSeconds = periodSeconds;
        this.maxOpen = maxOpen;
        this.header = header;
    }

    /** Appends a row to the file of the period holding {@code unixSeconds}. */
    void write(long unixSeconds, String row) {
        long period = Math.floorDiv(unixSeconds, periodSeconds) * periodSeconds;
        try {
            BufferedWriter writer = open.get(period);
            if (writer == null) {
                writer = openFile(period);
            }
            writer.write(row);
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + fileOf(period), e);
        }
    }

    Path fileOf(long periodStart) {
        return dir.resolve("flows-" + NAME.format(Instant.ofEpochSecond(periodStart)) + ".csv");
    }

    private BufferedWriter openFile(long period) throws IOException {
        if (open.size() >= maxOpen) {
            Iterator<Map.Entry<Long, BufferedWriter>> eldest = open.entrySet().iterator();
            eldest.next().getValue().close();
            eldest.remove();
        }
        Path file = fileOf(period);
        boolean exists = Files.exists(file) && Files.size(file) > 0;
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (!exists) {
            writer.write(header);
            writer.write('\n');
            filesCreated++;
        }
        open.put(period, writer);
        return writer;
    }

    /** Everything written so far reaches the files (before offsets are committed). */
    void flush() {
        for (BufferedWriter writer : open.values()) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to " + dir, e);
            }
        }
    }

    long filesCreated() {
        return filesCreated;
    }

    int openFiles() {
        return open.size();
    }

    @Override
    public void close() {
        flush();
        for (BufferedWriter writer : open.values()) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close a file in " + dir, e);
            }
        }
        open.clear();
    }
}
