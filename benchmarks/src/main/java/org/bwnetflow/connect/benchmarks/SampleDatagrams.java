package org.bwnetflow.connect.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;

/**
 * The real exporters' datagrams of the repository's {@code testdata/netflow}, found by walking
 * up from the working directory (the same lookup as the source connector's test helper).
 * Set {@code -Dbwnetflow.testdata=DIR} to point elsewhere.
 */
final class SampleDatagrams {

    private SampleDatagrams() {
    }

    static Path netflowDir() {
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

    /** Every datagram of the files, in order, split where one ends and the next begins. */
    static List<byte[]> datagrams(String... files) {
        List<byte[]> result = new ArrayList<>();
        for (String file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(netflowDir().resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int pos = 0;
            while (pos < bytes.length) {
                int length = NetFlowDecoder.datagramLength(bytes, pos, bytes.length - pos);
                if (length <= 0) {
                    length = bytes.length - pos;
                }
                result.add(Arrays.copyOfRange(bytes, pos, pos + length));
                pos += length;
            }
        }
        return result;
    }
}
