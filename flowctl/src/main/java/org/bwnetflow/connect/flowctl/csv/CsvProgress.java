package org.bwnetflow.connect.flowctl.csv;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;

/**
 * What the CSV directory committed, in the file {@code .flowctl-csv-progress}: for each file that
 * may get rows past the commit (those written since the commit before, or listed since), the length
 * up to which it is committed; for each partition, the offset of the next record to write. A file it
 * does not list is complete.
 *
 * <p>Saved atomically: written to a temporary file, forced to disk, renamed over the old one, and the
 * directory forced, so a crash at any moment leaves either the old or the new progress, never a mix.
 */
final class CsvProgress {

    static final String FILE_NAME = ".flowctl-csv-progress";
    private static final String TEMPORARY = FILE_NAME + ".tmp";
    private static final String FIRST_LINE = "flowctl-csv-progress 1";
    private static final String LAST_LINE = "end";
    /** Only our own file names: a changed progress file must never make us cut or delete anything else. */
    private static final Pattern CSV_FILE = Pattern.compile("flows-\\d{8}-\\d{4}\\.csv");

    private final Map<String, Long> files = new TreeMap<>();
    private final Map<TopicPartition, Long> offsets = new TreeMap<>(
            java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));

    /** The directory's progress, empty when it has none yet; a leftover temporary file is removed. */
    static CsvProgress load(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(TEMPORARY));
        CsvProgress progress = new CsvProgress();
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return progress;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).equals(FIRST_LINE) || !lines.get(lines.size() - 1).equals(LAST_LINE)) {
            throw new IOException(file + " is not a progress file of this flowctl version");
        }
        for (String line : lines.subList(1, lines.size() - 1)) {
            String[] words = line.split(" ");
            if (words.length == 3 && words[0].equals("file") && CSV_FILE.matcher(words[1]).matches()) {
                progress.files.put(words[1], parseLength(file, words[2]));
            } else if (words.length == 4 && words[0].equals("offset")) {
                progress.offsets.put(new TopicPartition(words[1], Integer.parseInt(words[2])), parseLength(file, words[3]));
            } else {
                throw new IOException(file + ": unreadable line '" + line + "'");
            }
        }
        return progress;
    }

    private static long parseLength(Path file, String word) throws IOException {
        try {
            long value = Long.parseLong(word);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(file + ": '" + word + "' is not a length or offset");
    }

    /** The committed length of a file that may hold rows past the commit; null for a complete one. */
    Long committedLength(String fileName) {
        return files.get(fileName);
    }

    Map<String, Long> files() {
        return files;
    }

    Map<TopicPartition, Long> offsets() {
        return offsets;
    }

    /** Lists a file (at the length it is complete to) before rows past the commit go into it. */
    void list(String fileName, long length) {
        files.put(fileName, length);
    }

    /** A commit: these files (the ones written lately) are listed at these lengths; the partitions go on at these offsets. */
    void commit(Map<String, Long> openFiles, Map<TopicPartition, Long> nextOffsets) {
        files.clear();
        files.putAll(openFiles);
        offsets.putAll(nextOffsets);
    }

    /** Saves atomically (see the class comment). */
    void save(Path dir) throws IOException {
        StringBuilder text = new StringBuilder(FIRST_LINE).append('\n');
        files.forEach((name, length) -> text.append("file ").append(name).append(' ').append(length).append('\n'));
        offsets.forEach((tp, offset) -> text.append("offset ").append(tp.topic()).append(' ').append(tp.partition())
                .append(' ').append(offset).append('\n'));
        text.append(LAST_LINE).append('\n');
        Path temporary = dir.resolve(TEMPORARY);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(text.toString());
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(temporary, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(dir);
    }

    /** Makes the rename durable (a power cut, not only a crash of the process). */
    static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems cannot open a directory: the rename is still atomic, only not yet durable
        }
    }
}
