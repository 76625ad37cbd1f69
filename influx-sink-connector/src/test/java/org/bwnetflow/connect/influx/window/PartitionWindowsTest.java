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
        assertThat(windows.dueWindows(true, 0, IDLE)).containsExactly(10_000L, 20_000L);
        assertThat(windows.dueWindows(false, 0, IDLE)).as("nothing final yet").isEmpty();
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
        windows.finalizeDue(26_000);
        assertThat(windows.dueWindows(false, 0, IDLE)).isEmpty();
        windows.add(2, 25_000, 26_001, null);
        windows.finalizeDue(26_001);
        assertThat(windows.dueWindows(false, 0, IDLE)).containsExactly(10_000L);
        assertThat(windows.isFinal(10_000)).isTrue();
        assertThat(windows.isFinal(20_000)).isFalse();
    }

    @Test
    void anIdlePartitionsWindowsAreWrittenByTheWallClockButNeverMadeFinal() {
        PartitionWindows<long[]> windows = windows();
        windows.add(0, 12_000, 12_000, null);
        windows.finalizeDue(12_000);
        assertThat(windows.dueWindows(false, 26_000 + IDLE, IDLE)).isEmpty();
        assertThat(windows.dueWindows(false, 26_001 + IDLE, IDLE)).containsExactly(10_000L);
        windows.written(List.of(10_000L));
        assertThat(windows.isFinal(10_000)).isFalse();
        assertThat(windows.commitOffset()).as("a stalled consumer may yet bring more of its flows").hasValue(0);
        windows.add(1, 13_000, 13_000, null); // on time by its timestamp: still counted
        windows.finalizeDue(26_002 + IDLE);
        assertThat(windows.aggregates(10_000)[0]).isEqualTo(2);
        assertThat(windows.dueWindows(true, 26_002 + IDLE, IDLE)).containsExactly(10_000L);
    }

    @Test
    void aPartitionWhoseBatchIsRedeliveredIsNotIdle() {
        PartitionWindows<long[]> windows = windows();
        windows.add(0, 12_000, 12_000, null);
        windows.finalizeDue(12_000);
        // The database is down: Connect redelivers the same batch while the backlog waits in Kafka.
        for (long now = 20_000; now < 200_000; now += 10_000) {
            windows.add(0, 12_000, 12_000, null);
            windows.finalizeDue(now);
        }
        assertThat(windows.dueWindows(false, 200_000, IDLE)).as("not due: more of its flows may be waiting").isEmpty();
        assertThat(windows.isFinal(10_000)).isFalse();
    }

    @Test
    void aBacklogWaitsForItsDataTimeNotTheWallClock() {
        PartitionWindows<long[]> windows = windows();
        // Records of long ago arriving now (after an outage): the partition is busy, not idle.
        windows.add(0, 12_000, 12_000, null);
        windows.finalizeDue(1_000_000);
        windows.add(1, 13_000, 13_000, null);
        windows.finalizeDue(1_000_100);
        assertThat(windows.dueWindows(false, 1_000_100, IDLE)).as("window 10 s still open").isEmpty();
        assertThat(windows.aggregates(10_000)[0]).isEqualTo(2);
        windows.finalizeDue(1_000_100 + IDLE);
        assertThat(windows.dueWindows(false, 1_000_100 + IDLE, IDLE)).as("idle now: written, not final").containsExactly(10_000L);
        assertThat(windows.isFinal(10_000)).isFalse();
    }

    @Test
    void theCommitStaysBeforeEveryWindowThatIsNotFinalAndWritten() {
        PartitionWindows<long[]> windows = windows();
        assertThat(windows.commitOffset()).isEmpty();
        windows.add(10, 12_000, 12_000, null);
        windows.add(11, 22_000, 22_000, null);
        assertThat(windows.commitOffset()).hasValue(10);
        windows.written(windows.dueWindows(true, 0, IDLE)); // written, but open: still recomputed after a restart
        assertThat(windows.commitOffset()).hasValue(10);
        windows.add(12, 30_000, 30_000, null);
        windows.add(13, 30_000, 26_001 + 1, null);
        windows.finalizeDue(0); // data time 26,002 > 26,001: window 10 s is final
        assertThat(windows.commitOffset()).as("final, not yet written").hasValue(10);
        windows.written(windows.dueWindows(false, 0, IDLE));
        assertThat(windows.commitOffset()).as("now behind us; window 20 s still open").hasValue(11);
        assertThat(windows.size()).isEqualTo(2);
    }

    @Test
    void theCommitNeverSplitsAWindowEvenAFinalOne() {
        PartitionWindows<long[]> windows = windows();
        windows.add(0, 12_000, 12_000, null); // window 10 s
        windows.add(1, 22_000, 22_000, null); // window 20 s
        windows.add(2, 15_000, 22_500, null); // window 10 s again: out of order, on time
        windows.add(3, 24_000, 26_500, null); // data time 26.5 s: window 10 s (due 26 s) is final
        windows.finalizeDue(0);
        windows.written(windows.dueWindows(false, 0, IDLE));
        // Window 20 s is open from offset 1, but committing 1 would leave offset 2 of the final window
        // 10 s to a replay that has lost offset 0: it would rewrite that window with half its flows.
        assertThat(windows.commitOffset()).hasValue(0);
        windows.add(4, 40_000, 36_001, null); // window 20 s (due 36 s) is final too
        windows.finalizeDue(0);
        windows.written(windows.dueWindows(false, 0, IDLE));
        assertThat(windows.commitOffset()).as("both behind us, window 40 s open").hasValue(4);
        assertThat(windows.size()).isEqualTo(1);
    }

    @Test
    void aFlowForAWindowAlreadyWrittenAndForgottenIsLateNotAPartialRewrite() {
        PartitionWindows<long[]> windows = windows();
        windows.add(0, 12_000, 12_000, null);
        windows.add(1, 30_000, 30_000, null); // window 10 s final (due 26 s)
        windows.finalizeDue(0);
        windows.written(windows.dueWindows(false, 0, IDLE));
        assertThat(windows.commitOffset()).hasValue(1);
        // Stamped 24 s: on time by its own timestamp, but 6 s behind the data time (margin 1 s).
        assertThat(windows.add(2, 12_000, 24_000, null)).isEqualTo(Outcome.AFTER_FINAL);
        assertThat(windows.dueWindows(true, 0, IDLE)).containsExactly(30_000L);
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
        windows.finalizeDue(Long.MAX_VALUE / 2);
        write(windows, true, database);
        return database;
    }

    private static void step(PartitionWindows<long[]> windows, List<long[]> records, int offset, Map<Long, Long> database) {
        long[] record = records.get(offset);
        windows.add(offset, record[0], record[1], null);
        windows.finalizeDue(record[1]);
        write(windows, offset % 5 == 0, database);
    }

    private static void write(PartitionWindows<long[]> windows, boolean includeOpen, Map<Long, Long> database) {
        List<Long> due = windows.dueWindows(includeOpen, 0, IDLE);
        for (long start : due) {
            database.put(start, windows.aggregates(start)[0]);
        }
        windows.written(due);
    }
}
