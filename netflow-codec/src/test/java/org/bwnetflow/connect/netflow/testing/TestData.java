package org.bwnetflow.connect.netflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.netflow.decode.DatagramSplitter;

/**
 * The real exporters' datagrams in the repository's {@code testdata/netflow}, found by walking
 * up from the working directory, or at {@code -Dbwnetflow.testdata=DIR}.
 */
public final class TestData {

    private TestData() {
    }

    public static Path netflowDir() {
        String configured = System.getProperty("bwnetflow.testdata");
        if (configured != null) {
            return Paths.get(configured);
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("testdata/netflow");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("testdata/netflow not found above " + Paths.get("").toAbsolutePath()
                + "; run from the repository or pass -Dbwnetflow.testdata=DIR");
    }

    public static byte[] read(String file) {
        try {
            return Files.readAllBytes(netflowDir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every datagram of the files, in order, split where one ends and the next begins. */
    public static List<byte[]> datagrams(String... files) {
        List<byte[]> result = new ArrayList<>();
        for (String file : files) {
            result.addAll(DatagramSplitter.split(read(file)));
        }
        return result;
    }

    /** All shared datagram files (the fuzzers' seeds). */
    public static List<Path> allDatagramFiles() {
        try (var files = Files.list(netflowDir())) {
            return files.filter(p -> p.toString().endsWith(".dat")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
