package org.bwnetflow.connect.netflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;

/** The real exporters' datagrams in the repository's {@code testdata/netflow}. */
public final class TestData {

    private TestData() {
    }

    public static Path netflowDir() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("testdata/netflow");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("testdata/netflow not found above " + Paths.get("").toAbsolutePath());
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
            byte[] bytes = read(file);
            int pos = 0;
            while (pos < bytes.length) {
                int length = NetFlowDecoder.datagramLength(bytes, pos, bytes.length - pos);
                if (length <= 0) {
                    length = bytes.length - pos; // undecodable rest: hand it over whole
                }
                result.add(Arrays.copyOfRange(bytes, pos, pos + length));
                pos += length;
            }
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
