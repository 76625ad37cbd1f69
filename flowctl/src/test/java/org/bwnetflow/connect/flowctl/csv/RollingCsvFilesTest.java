package org.bwnetflow.connect.flowctl.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingCsvFilesTest {

    private static final long T0 = 1_795_000_200L; // 2026-11-18 11:10:00 UTC, a multiple of 300

    @TempDir
    Path dir;

    @Test
    void lateFlowsLandInTheFileOfTheirTimeAndOnlyOneFileIsOpen() throws Exception {
        try (RollingCsvFiles files = new RollingCsvFiles(dir, 300, 1, "a,b")) {
            files.write(T0 + 10, "first");
            files.write(T0 + 310, "second period");
            files.write(T0 + 299, "late, first period"); // reopens the first file, closing the second
            files.write(T0 + 600, "third");
            assertThat(files.openFiles()).isEqualTo(1);
            assertThat(files.filesCreated()).isEqualTo(3);
        }
        assertThat(Files.readAllLines(dir.resolve("flows-20261118-1110.csv")))
                .containsExactly("a,b", "first", "late, first period");
        assertThat(Files.readAllLines(dir.resolve("flows-20261118-1115.csv"))).containsExactly("a,b", "second period");
        assertThat(Files.readAllLines(dir.resolve("flows-20261118-1120.csv"))).containsExactly("a,b", "third");
    }

    @Test
    void aSecondRunAppendsWithoutASecondHeader() throws Exception {
        try (RollingCsvFiles files = new RollingCsvFiles(dir, 300, 4, "h")) {
            files.write(T0, "1");
        }
        try (RollingCsvFiles files = new RollingCsvFiles(dir, 300, 4, "h")) {
            files.write(T0 + 1, "2");
            assertThat(files.filesCreated()).isZero();
        }
        assertThat(Files.readAllLines(dir.resolve("flows-20261118-1110.csv"))).isEqualTo(List.of("h", "1", "2"));
    }
}
