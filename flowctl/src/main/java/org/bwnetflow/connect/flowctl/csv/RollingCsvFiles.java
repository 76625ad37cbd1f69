package org.bwnetflow.connect.flowctl.csv;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * CSV files of one period each ({@code flows-yyyyMMdd-HHmm.csv}, UTC, by the flow's start), so
 * a late flow lands in the file of its time. A file gets the header when it is created; at most
 * {@code maxOpen} files are open, the least recently written one is closed first and appended to
 * again if a flow of its period comes later ({@link #sync} forces it to disk with the open ones).
 *
 * <p>Before the first row goes into a file the {@link Listing} does not list (a new file, or one
 * complete since it was last closed), the listing is told the length the file is complete to, so
 * that a crash can be repaired by cutting the file back to it. A half line at the end of such a file
 * (left by a flowctl version that did not keep the listing) is cut off first.
 */
final class RollingCsvFiles implements AutoCloseable {

    /** Where files that may get rows past the last commit are listed, durably, before they get them. */
    interface Listing {
        boolean lists(String fileName);

        void list(String fileName, long completeLength) throws IOException;
    }

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);
    private static final int BUFFER = 16 * 1024;

    private final Path dir;
    private final long periodSeconds;
    private final int maxOpen;
    private final String header;
    private final Listing listing;
    private final Map<Long, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);
    /** Files closed since the last sync: written, not yet forced to disk. */
    private final Set<String> closedUnsynced = new TreeSet<>();
    private long filesCreated;

    RollingCsvFiles(Path dir, long periodSeconds, int maxOpen, String header, Listing listing) {
        this.dir = dir;
        this.periodSeconds = periodSeconds;
        this.maxOpen = maxOpen;
        this.header = header;
        this.listing = listing;
    }

    /** Appends a row to the file of the period holding {@code unixSeconds}. */
    void write(long unixSeconds, String row) {
        long period = Math.floorDiv(unixSeconds, periodSeconds) * periodSeconds;
        try {
            OpenFile file = open.get(period);
            if (file == null) {
                file = openFile(period);
            }
            file.writer.write(row);
            file.writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + fileOf(period), e);
        }
    }

    Path fileOf(long periodStart) {
        return dir.resolve(nameOf(periodStart));
    }

    private static String nameOf(long periodStart) {
        return "flows-" + NAME.format(Instant.ofEpochSecond(periodStart)) + ".csv";
    }

    private OpenFile openFile(long period) throws IOException {
        if (open.size() >= maxOpen) {
            Iterator<Map.Entry<Long, OpenFile>> eldest = open.entrySet().iterator();
            OpenFile closed = eldest.next().getValue();
            closed.close();
            closedUnsynced.add(closed.name);
            eldest.remove();
        }
        String name = nameOf(period);
        Path path = dir.resolve(name);
        long length = Files.exists(path) ? Files.size(path) : 0;
        if (!listing.lists(name)) {
            length = cutHalfLine(path, length);
            listing.list(name, length);
        }
        FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        OpenFile file = new OpenFile(name, channel);
        if (length == 0) {
            file.writer.write(header);
            file.writer.write('\n');
            filesCreated++;
        }
        open.put(period, file);
        return file;
    }

    /** Cuts the file back to the end of its last whole line; returns its length then. */
    private static long cutHalfLine(Path path, long length) throws IOException {
        if (length == 0) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer chunk = ByteBuffer.allocate(4096);
            long end = length;
            while (end > 0) {
                long from = Math.max(0, end - chunk.capacity());
                chunk.clear().limit((int) (end - from));
                while (chunk.hasRemaining()) {
                    if (channel.read(chunk, from + chunk.position()) < 0) {
                        break;
                    }
                }
                for (int i = chunk.position() - 1; i >= 0; i--) {
                    if (chunk.get(i) == '\n') {
                        long whole = from + i + 1;
                        if (whole < length) {
                            channel.truncate(whole);
                        }
                        return whole;
                    }
                }
                end = from;
            }
            channel.truncate(0);
            return 0;
        }
    }

    /**
     * Writes everything out and forces it to disk; returns the length of every file written since
     * the last sync or open now (the others are complete as they are).
     */
    Map<String, Long> sync() {
        Map<String, Long> lengths = new TreeMap<>();
        for (String name : closedUnsynced) {
            Path path = dir.resolve(name);
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                channel.force(false);
                lengths.put(name, channel.size());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path, e);
            }
        }
        closedUnsynced.clear();
        for (OpenFile file : open.values()) {
            try {
                lengths.put(file.name, file.sync());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + dir.resolve(file.name), e);
            }
        }
        return lengths;
    }

    long filesCreated() {
        return filesCreated;
    }

    int openFiles() {
        return open.size();
    }

    /** Closes the files; what was written and not committed is cut off again by the next start's repair. */
    @Override
    public void close() {
        IOException failure = null;
        for (OpenFile file : open.values()) {
            try {
                file.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        open.clear();
        if (failure != null) {
            throw new UncheckedIOException("cannot close a file in " + dir, failure);
        }
    }

    /** One file open for appending. */
    private static final class OpenFile {
        final String name;
        final FileChannel channel;
        final Writer writer;

        OpenFile(String name, FileChannel channel) {
            this.name = name;
            this.channel = channel;
            this.writer = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), BUFFER);
        }

        /** Flushes and forces to disk; the file's length. */
        long sync() throws IOException {
            writer.flush();
            channel.force(false);
            return channel.size();
        }

        /** Writes out what is buffered and closes, without forcing it to disk. */
        void close() throws IOException {
            try (channel) {
                writer.flush();
            }
        }
    }
}
