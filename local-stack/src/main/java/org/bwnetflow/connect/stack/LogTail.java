package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a (possibly large, still growing) log file, for error messages. */
public final class LogTail {

    /** Bytes read from the end at most: server logs can be large, errors are short. */
    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    /** Returns the last {@code lines} lines of {@code file}, or a short note if it cannot be read. */
    public static String of(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, MAX_BYTES);
            byte[] buffer = new byte[size];
            raf.seek(length - size);
            raf.readFully(buffer);
            List<String> all = Arrays.asList(new String(buffer, StandardCharsets.UTF_8).split("\\R"));
            int from = Math.max(0, all.size() - lines);
            return String.join(System.lineSeparator(), all.subList(from, all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
