package org.bwnetflow.connect.flowctl.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingCsvFilesTest {

    private static final long T0 = 1_795_000_200L; // 2026-11-18 11:10:00 UTC, a multiple of 300

    @TempDir
    Path dir;

    /** Keeps what was listed, in memory. */
    private final Map<String, Long> listed = new TreeMap<>();
    private final RollingCsvFiles.Listing listing = new RollingCsvFiles.Listing() {
        @Override
        public boolean lists(String fileName) {
            return listed.containsKey(fileName);
        }

        @Override
        public void list(String fileName, long completeLength) {
            listed.put(fileName, completeLength);
        }
    };

    @Test
    void lateFlowsLandInTheFileOfTheirTimeAndOnlyOneFileIsOpen() throws Exception {
        try (RollingCsvFiles files = new RollingCsvFiles(dir, 300, 1, "a,b", listing)) {
            files.write(T0 + 10, "first");
            files.write(T0 + 310, "second period");
            files.write(T0 + 299, "late, first period"); // reopens the first file, closing the second
            files.write(T0 + 600, "third");
            assertThat(files.openFiles()).isEqualTo(1);
            assertThat(files.filesCreated()).isEqualTo(3);
            assertThat(files.sync()).as("the files written since the last sync, with their lengths").containsExactly(
                    Map.entry("flows-20261118-1110.csv", (long) "a,b\nfirst\nlate, first period\n".length()),
                    Map.entry("flows-20261118-1115.csv", (long) "a,b\nsecond period\n".length()),
                    Map.entry("flows-20261118-1120.csv", (long) "a,b\nthird\n".length()));
            assertThat(files.sync()).as("only the open one now").containsOnlyKeys("flows-20261118-1120.csv");
        }
        assertThat(Files.readAllLines(dir.resolve("flows-20261118-1110.csv")))
                .containsExactly("a,b", "first", "late, first period");
        assertThat(Files.readAllLines(dir.resolve("flows-20261118-1115.csv"))).containsExactly("a,b", "second period");
        assertThat(Files.readAllLines(dir.resolve("flows-20261118-1120.csv"))).containsExactly("a,b", "third");
        assertThat(listed).as("each new file listed at length 0 before it got anything").containsOnly(
                Map.entry("flows-20261118-1110.csv", 0L), Map.entry("flows-20261118-1115.csv", 0L),
                Map.entry("flows-20261118-1120.csv", 0L));
    }

    @Test
    void aSecondRunAppendsWithoutASecondHeader() throws Exception {
        try (RollingCsvFiles files = new RollingCsvFiles(dir, 300, 4, "h", listing)) {
            files.write(T0, "1");
        }
        listed.clear(); // complete: a new run lists it again at its length before appending
        try (RollingCsvFiles files = new RollingCsvFiles(dir, 300, 4, "h", listing)) {
            files.write(T0 + 1, "2");
            assertThat(files.filesCreated()).isZero();
        }
        assertThat(Files.readAllLines(dir.resolve("flows-20261118-1110.csv"))).isEqualTo(List.of("h", "1", "2"));
        assertThat(listed).containsExactly(Map.entry("flows-20261118-1110.csv", 4L));
    }

    @Test
    void aHalfLineAtTheEndOfAFileNotListedIsCutBeforeAppending() throws Exception {
        Path file = dir.resolve("flows-20261118-1110.csv");
        Files.writeString(file, "h\n1\n2,half"); // an older flowctl was killed in the middle of a row
        try (RollingCsvFiles files = new RollingCsvFiles(dir, 300, 4, "h", listing)) {
            files.write(T0, "3");
        }
        assertThat(Files.readString(file)).isEqualTo("h\n1\n3\n");
        assertThat(listed).containsExactly(Map.entry("flows-20261118-1110.csv", 4L));
        Files.writeString(file, "no line break at all");
        listed.clear();
        try (RollingCsvFiles files = new RollingCsvFiles(dir, 300, 4, "h", listing)) {
            files.write(T0, "4");
            assertThat(files.filesCreated()).as("cut to nothing: written as a new file").isOne();
        }
        assertThat(Files.readString(file)).isEqualTo("h\n4\n");
    }
}
