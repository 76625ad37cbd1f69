package org.bwnetflow.connect.flowctl.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The directory {@code flowctl csv} writes: its files, and its {@link CsvProgress}, the commit
 * point that makes a crash at any moment repairable.
 *
 * <p>A commit writes the files out and forces them to disk, then saves the progress atomically: the
 * length of each file written since the commit before (so a file that is closed and opened again
 * often, with few --max-open-files, stays listed rather than listed anew each time) and each
 * partition's next offset. Opening the directory repairs what a
 * crash after the last commit left: each listed file is cut back to its committed length (a half
 * line, rows past the committed offsets) or removed when it did not exist then; files it does not
 * list are complete. Reading then resumes at the progress's offsets, so every flow is in the files
 * exactly once. One writer at a time: a lock file keeps a second {@code flowctl csv} out.
 */
final class CsvDirectory implements AutoCloseable {

    private static final String LOCK = ".flowctl-csv.lock";

    private final Path dir;
    private final FileChannel lockChannel;
    private final CsvProgress progress;
    private final RollingCsvFiles files;
    private final String repairs;

    private CsvDirectory(Path dir, FileChannel lockChannel, CsvProgress progress, String repairs, long periodSeconds,
                         int maxOpenFiles, String header) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.progress = progress;
        this.repairs = repairs;
        this.files = new RollingCsvFiles(dir, periodSeconds, maxOpenFiles, header, new RollingCsvFiles.Listing() {
            @Override
            public boolean lists(String fileName) {
                return progress.committedLength(fileName) != null;
            }

            @Override
            public void list(String fileName, long completeLength) throws IOException {
                progress.list(fileName, completeLength);
                progress.save(dir);
            }
        });
    }

    /**
     * Locks the directory (created if missing) and repairs it to its last commit.
     *
     * @throws IOException also when another flowctl csv writes to it, or a file is shorter than committed
     */
    static CsvDirectory open(Path dir, long periodSeconds, int maxOpenFiles, String header) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            lock(lockChannel, dir);
            CsvProgress progress = CsvProgress.load(dir);
            String repairs = repair(dir, progress);
            return new CsvDirectory(dir, lockChannel, progress, repairs, periodSeconds, maxOpenFiles, header);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    private static void lock(FileChannel lockChannel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) { // this JVM holds it already
            lock = null;
        }
        if (lock == null) {
            throw new IOException("another flowctl csv writes to " + dir);
        }
    }

    /** Cuts every listed file back to its committed length; what was done, in words, or "" when nothing. */
    private static String repair(Path dir, CsvProgress progress) throws IOException {
        long bytesCut = 0;
        int filesCut = 0;
        List<String> removed = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Long> listed : progress.files().entrySet()) {
            Path file = dir.resolve(listed.getKey());
            long committed = listed.getValue();
            if (!Files.exists(file)) {
                gone.add(listed.getKey()); // moved away since: what it held was complete
                continue;
            }
            long size = Files.size(file);
            if (size < committed) {
                throw new IOException(file + " is shorter (" + size + " bytes) than its committed " + committed
                        + " bytes: changed by something else than flowctl csv; move it away to go on");
            }
            if (committed == 0) {
                Files.delete(file);
                removed.add(listed.getKey());
            } else if (size > committed) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.truncate(committed);
                    channel.force(false);
                }
                bytesCut += size - committed;
                filesCut++;
            }
        }
        gone.forEach(progress.files()::remove);
        if (bytesCut == 0 && removed.isEmpty()) {
            return "";
        }
        return "cut " + bytesCut + " bytes written after the last commit from " + filesCut + " files, removed "
                + removed.size() + " files created after it";
    }

    /** What opening repaired, in words; "" when the directory was as committed. */
    String repairs() {
        return repairs;
    }

    /** Each partition's next offset as committed. */
    Map<TopicPartition, Long> offsets() {
        return progress.offsets();
    }

    void write(long unixSeconds, String row) {
        files.write(unixSeconds, row);
    }

    /** Commits the rows written so far, which end at these next offsets (see the class comment). */
    void commit(Map<TopicPartition, Long> nextOffsets) {
        Map<String, Long> open = files.sync();
        progress.commit(open, nextOffsets);
        try {
            progress.save(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the progress in " + dir, e);
        }
    }

    long filesCreated() {
        return files.filesCreated();
    }

    /** Closes the files without a commit (the caller commits first when it ended normally) and unlocks. */
    @Override
    public void close() throws IOException {
        try (lockChannel) {
            files.close();
        }
    }
}
