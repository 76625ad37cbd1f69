package org.bwnetflow.connect.flowctl.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash at each stage leaves, and what the next open makes of it: the directory as of its last commit. */
class CsvDirectoryTest {

    private static final long T0 = 1_795_000_200L; // 2026-11-18 11:10:00 UTC, a multiple of 300
    private static final TopicPartition P0 = new TopicPartition("flows-1000", 0);
    private static final TopicPartition P1 = new TopicPartition("flows-1000", 1);
    private static final String FIRST = "flows-20261118-1110.csv";
    private static final String SECOND = "flows-20261118-1115.csv";

    @TempDir
    Path dir;

    private CsvDirectory open() throws IOException {
        return CsvDirectory.open(dir, 300, 16, "h");
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    @Test
    void aCleanRunResumesAtItsOffsetsWithNothingToRepair() throws Exception {
        try (CsvDirectory output = open()) {
            assertThat(output.offsets()).isEmpty();
            output.write(T0, "1");
            output.write(T0 + 300, "2");
            output.commit(Map.of(P0, 2L, P1, 7L));
        }
        try (CsvDirectory output = open()) {
            assertThat(output.repairs()).isEmpty();
            assertThat(output.offsets()).containsOnly(Map.entry(P0, 2L), Map.entry(P1, 7L));
        }
        assertThat(read(FIRST)).isEqualTo("h\n1\n");
        assertThat(read(SECOND)).isEqualTo("h\n2\n");
    }

    @Test
    void rowsAndAHalfLineAfterTheLastCommitAreCutAndFilesCreatedAfterItRemoved() throws Exception {
        try (CsvDirectory output = open()) {
            output.write(T0, "1");
            output.commit(Map.of(P0, 1L));
            output.write(T0, "2"); // not committed
            output.write(T0 + 300, "3"); // a new file, not committed
        } // the writers are flushed at close, as a crash may leave them (or not): both are repaired
        Files.writeString(dir.resolve(FIRST), "4,ha", StandardOpenOption.APPEND); // killed in the middle of a row

        try (CsvDirectory output = open()) {
            assertThat(output.repairs()).isEqualTo("cut 6 bytes written after the last commit from 1 files, removed 1 "
                    + "files created after it");
            assertThat(output.offsets()).containsOnly(Map.entry(P0, 1L));
            assertThat(read(FIRST)).isEqualTo("h\n1\n");
            assertThat(dir.resolve(SECOND)).doesNotExist();
            output.write(T0, "2"); // the rerun writes the same rows again, once
            output.write(T0 + 300, "3");
            output.commit(Map.of(P0, 3L));
        }
        assertThat(read(FIRST)).isEqualTo("h\n1\n2\n");
        assertThat(read(SECOND)).isEqualTo("h\n3\n");
    }

    @Test
    void aFileClosedBeforeACommitIsCompleteAndKeptAsIsWhileNewRowsGoToItAfterListingItAgain() throws Exception {
        try (CsvDirectory output = CsvDirectory.open(dir, 300, 1, "h")) { // one open file: the first is closed
            output.write(T0, "1");
            output.write(T0 + 300, "2");
            output.commit(Map.of(P0, 2L));
            output.commit(Map.of(P0, 2L));
        }
        assertThat(Files.readString(dir.resolve(CsvProgress.FILE_NAME))).doesNotContain(FIRST).contains(SECOND);
        try (CsvDirectory output = CsvDirectory.open(dir, 300, 1, "h")) {
            assertThat(output.repairs()).isEmpty();
            output.write(T0, "3"); // the first file again: listed at its length before the row goes in
            assertThat(Files.readString(dir.resolve(CsvProgress.FILE_NAME))).contains("file " + FIRST + " 4");
        } // not committed: cut again at the next open
        try (CsvDirectory output = CsvDirectory.open(dir, 300, 1, "h")) {
            assertThat(output.repairs()).startsWith("cut 2 bytes");
        }
        assertThat(read(FIRST)).isEqualTo("h\n1\n");
        assertThat(read(SECOND)).isEqualTo("h\n2\n");
    }

    @Test
    void aCrashWhileSavingTheProgressLeavesTheOldOne() throws Exception {
        try (CsvDirectory output = open()) {
            output.write(T0, "1");
            output.commit(Map.of(P0, 1L));
        }
        Files.writeString(dir.resolve(CsvProgress.FILE_NAME + ".tmp"), "flowctl-csv-progress 1\nfile " + FIRST);
        try (CsvDirectory output = open()) {
            assertThat(output.offsets()).containsOnly(Map.entry(P0, 1L));
        }
        assertThat(dir.resolve(CsvProgress.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void aFileShorterThanCommittedOrADamagedProgressStopsTheStart() throws Exception {
        try (CsvDirectory output = open()) {
            output.write(T0, "1");
            output.commit(Map.of(P0, 1L));
        }
        Files.writeString(dir.resolve(FIRST), "h\n");
        assertThatThrownBy(this::open).hasMessageContaining(FIRST + " is shorter (2 bytes) than its committed 4 bytes");
        Files.writeString(dir.resolve(CsvProgress.FILE_NAME), "flowctl-csv-progress 1\nfile ../../etc/passwd 0\nend\n");
        assertThatThrownBy(this::open).hasMessageContaining("unreadable line 'file ../../etc/passwd 0'");
        Files.writeString(dir.resolve(CsvProgress.FILE_NAME), "flowctl-csv-progress 1\noffset flows-1000 0 5\n");
        assertThatThrownBy(this::open).hasMessageContaining("is not a progress file of this flowctl version");
    }

    @Test
    void aListedFileMovedAwayIsForgottenAndASecondWriterIsRefused() throws Exception {
        try (CsvDirectory output = open()) {
            output.write(T0, "1");
            output.commit(Map.of(P0, 1L));
            assertThatThrownBy(this::open).hasMessageContaining("another flowctl csv writes to " + dir);
        }
        Files.move(dir.resolve(FIRST), dir.resolve("archived.csv"));
        try (CsvDirectory output = open()) {
            assertThat(output.repairs()).isEmpty();
            output.write(T0, "2");
            output.commit(Map.of(P0, 2L));
        }
        assertThat(read(FIRST)).isEqualTo("h\n2\n");
    }
}
