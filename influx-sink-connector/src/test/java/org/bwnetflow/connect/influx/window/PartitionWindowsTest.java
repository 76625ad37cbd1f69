package org.bwnetflow.connect.influx.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bwnetflow.connect.influx.window.PartitionWindows.Outcome;
import org.junit.jupiter.api.Test;

/**
 * The rules the exactly-once counting rests on: lateness by record timestamp, finality by data
 * time, commit offsets that never split a window, and a replay from the committed offset that
 * writes the same totals as the run that was interrupted.
 */
class PartitionWindowsTest {

    private static final long WINDOW = 10_000;
    private static final long LATENESS = 5_000;
    private static final long MARGIN = 1_000;
    private static final long IDLE = 60_000;

    /** A window's total: how many flows it holds. */
    private static PartitionWindows<long[]> windows() {
        return new PartitionWindows<>(WINDOW, LATENESS, MARGIN, start -> new long[1], (total, flow) -> total[0]++);
    }

    @Test
    void aFlowGoesToTheWindowOfItsFlowTime() {
        PartitionWindows<long[]> windows = windows();
        assertThat(windows.add(0, 12_000, 12_500, null)).isEqualTo(Outcome.COUNTED);
        assertThat(windows.add(1, 19_999, 20_100, null)).isEqualTo(Outcome.COUNTED);
        assertThat(windows.add(2, 20_000, 20_100, null)).isEqualTo(Outcome.COUNTED);
        assertThat(windows.aggregates(10_000)[0]).isEqualTo(2);
        assertThat(windows.aggregates(20_000)[0]).isEqualTo(1);
        assertThat(windows.dueWindows(true)).containsExactly(10_000L, 20_000L);
        assertThat(windows.dueWindows(false)).as("nothing final yet").isEmpty();
    }

    @Test
    void aRecordThatReachedKafkaAfterTheLatenessIsLateWhateverCameBefore() {
        PartitionWindows<long[]> windows = windows();
        // Window 10 s ends at 20 s; with 5 s lateness a record stamped after 25 s is late.
        assertThat(windows.add(0, 12_000, 25_000, null)).isEqualTo(Outcome.COUNTED);
        assertThat(windows.add(1, 12_000, 25_001, null)).isEqualTo(Outcome.LATE);
        PartitionWindows<long[]> replay = windows();
        assertThat(replay.add(1, 12_000, 25_001, null)).as("the same in a replay that starts there").isEqualTo(Outcome.LATE);
    }

    @Test
    void aRedeliveredRecordIsNotCountedTwice() {
        PartitionWindows<long[]> windows = windows();
        windows.add(5, 12_000, 12_000, null);
        assertThat(windows.add(5, 12_000, 12_000, null)).isEqualTo(Outcome.ALREADY_SEEN);
        assertThat(windows.add(4, 12_000, 12_000, null)).isEqualTo(Outcome.ALREADY_SEEN);
        assertThat(windows.aggregates(10_000)[0]).isEqualTo(1);
    }

    @Test
    void aWindowIsFinalOnceTheDataTimePassesItsEndPlusLatenessPlusMargin() {
        PartitionWindows<long[]> windows = windows();
        windows.add(0, 12_000, 12_000, null);
        windows.add(1, 25_000, 26_000, null); // data time 26 s = 20 + 5 + 1: not past yet
        windows.finalizeDue(26_000, IDLE);
        assertThat(windows.dueWindows(false)).isEmpty();
        windows.add(2, 25_000, 26_001, null);
        windows.finalizeDue(26_001, IDLE);
        assertThat(windows.dueWindows(false)).containsExactly(10_000L);
        assertThat(windows.isFinal(10_000)).isTrue();
        assertThat(windows.isFinal(20_000)).isFalse();
    }

    @Test
    void anIdlePartitionsWindowsBecomeFinalByTheWallClock() {
        PartitionWindows<long[]> windows = windows();
        windows.add(0, 12_000, 12_000, null);
        windows.finalizeDue(26_000 + IDLE, IDLE);
        assertThat(windows.dueWindows(false)).isEmpty();
        windows.finalizeDue(26_001 + IDLE, IDLE);
        assertThat(windows.dueWindows(false)).containsExactly(10_000L);
    }

    @Test
    void theCommitStaysBeforeEveryWindowThatIsNotFinalAndWritten() {
        PartitionWindows<long[]> windows = windows();
        assertThat(windows.commitOffset()).isEmpty();
        windows.add(10, 12_000, 12_000, null);
        windows.add(11, 22_000, 22_000, null);
        assertThat(windows.commitOffset()).hasValue(10);
        windows.written(windows.dueWindows(true)); // written, but open: still recomputed after a restart
        assertThat(windows.commitOffset()).hasValue(10);
        windows.add(12, 30_000, 30_000, null);
        windows.add(13, 30_000, 26_001 + 1, null);
        windows.finalizeDue(0, IDLE); // data time 26,002 > 26,001: window 10 s is final
        assertThat(windows.commitOffset()).as("final, not yet written").hasValue(10);
        windows.written(windows.dueWindows(false));
        assertThat(windows.commitOffset()).as("now behind us; window 20 s still open").hasValue(11);
        assertThat(windows.size()).isEqualTo(2);
    }

    @Test
    void theCommitNeverSplitsAWindowEvenAFinalOne() {
        PartitionWindows<long[]> windows = windows();
        windows.add(0, 22_000, 22_000, null); // window 20 s
        windows.add(1, 12_000, 22_000, null); // window 10 s, out of order but on time
        windows.add(2, 24_000, 24_000, null); // window 20 s
        windows.add(3, 40_000, 40_000, null); // window 40 s; data time 40 s: 10 s and 20 s... only 10 s is final
        windows.finalizeDue(0, IDLE);
        windows.written(windows.dueWindows(false));
        // Window 10 s is final and written, but window 20 s (offsets 0-2) is open: the commit is 0.
        assertThat(windows.commitOffset()).hasValue(0);
        windows.add(4, 40_000, 31_001 + 1, null);
        windows.finalizeDue(0, IDLE);
        windows.written(windows.dueWindows(false));
        assertThat(windows.commitOffset()).as("window 40 s (offsets 3-4) is open").hasValue(3);
    }

    /**
     * The whole point: a run interrupted at any record, replayed from its last commit, writes the
     * same final totals as an uninterrupted run. The database keeps the last total per window.
     */
    @Test
    void aReplayFromTheCommittedOffsetWritesTheSameTotals() {
        List<long[]> records = new ArrayList<>(); // {flow time, timestamp}
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        long now = 100_000;
        for (int i = 0; i < 2_000; i++) {
            now += random.nextInt(40);
            long flowTime = now - random.nextInt(9_000); // some out of order, a few beyond the lateness
            records.add(new long[] {flowTime, now + random.nextInt(500)});
        }
        Map<Long, Long> expected = run(records, 0, Integer.MAX_VALUE, new TreeMap<>());
        for (int crashAt : new int[] {1, 57, 500, 1_234, 1_999}) {
            Map<Long, Long> database = new TreeMap<>();
            PartitionWindows<long[]> first = windows();
            long committed = 0;
            for (int offset = 0; offset < crashAt; offset++) {
                step(first, records, offset, database);
                if (offset % 7 == 0) {
                    committed = first.commitOffset().orElse(0);
                }
            }
            run(records, (int) committed, Integer.MAX_VALUE, database);
            assertThat(database).as("crash at %d, replay from %d", crashAt, committed).isEqualTo(expected);
        }
    }

    private static Map<Long, Long> run(List<long[]> records, int from, int to, Map<Long, Long> database) {
        PartitionWindows<long[]> windows = windows();
        for (int offset = from; offset < Math.min(to, records.size()); offset++) {
            step(windows, records, offset, database);
        }
        windows.finalizeDue(Long.MAX_VALUE / 2, IDLE);
        write(windows, true, database);
        return database;
    }

    private static void step(PartitionWindows<long[]> windows, List<long[]> records, int offset, Map<Long, Long> database) {
        long[] record = records.get(offset);
        windows.add(offset, record[0], record[1], null);
        windows.finalizeDue(record[1], IDLE);
        write(windows, offset % 5 == 0, database);
    }

    private static void write(PartitionWindows<long[]> windows, boolean includeOpen, Map<Long, Long> database) {
        List<Long> due = windows.dueWindows(includeOpen);
        for (long start : due) {
            database.put(start, windows.aggregates(start)[0]);
        }
        windows.written(due);
    }
}
