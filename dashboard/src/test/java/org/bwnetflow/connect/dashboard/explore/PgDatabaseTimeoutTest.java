package org.bwnetflow.connect.dashboard.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bwnetflow.connect.dashboard.query.QuerySlots;
import org.bwnetflow.connect.dashboard.query.StoreTimeoutException;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A view's deadline really bounds it: a statement that would run for minutes is stopped in QuestDB
 * (not only abandoned by the driver) soon after the deadline, its query slot is free again, and
 * nothing is sent once the deadline has passed.
 */
class PgDatabaseTimeoutTest {

    /** 10^10 rows through a cross join: minutes on any machine, and QuestDB checks for a cancel while at it. */
    private static final String SLOW = "SELECT sum(a.x * b.x) FROM long_sequence(100000) a CROSS JOIN long_sequence(100000) b";

    @TempDir
    static Path dir;
    private static QuestDbFixture questDb;
    private static PgDatabase database;

    @BeforeAll
    static void start() {
        questDb = QuestDbFixture.startWithPgWire(dir.resolve("questdb"));
        database = new PgDatabase(questDb.pgUrl(), QuestDbFixture.READONLY_USER, questDb.readonlyPassword().toCharArray());
    }

    @AfterAll
    static void stop() {
        questDb.close();
    }

    @Test
    void aSlowStatementIsStoppedInQuestDbAndItsSlotFreed() throws Exception {
        QuerySlots slots = new QuerySlots(1, 100);
        long started = System.nanoTime();
        assertThatThrownBy(() -> slots.inSlot(() -> database.query(SLOW, List.of(), Deadline.after(Duration.ofSeconds(1)))))
                .isInstanceOf(StoreTimeoutException.class)
                .hasMessage("the view took longer than 1 s and was stopped: narrow the time range or the filter");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("answered soon after the deadline").isBetween(1_000L, 5_000L);

        assertThat(slots.inSlot(() -> database.query("SELECT 7 x", List.of(), Deadline.after(Duration.ofSeconds(5)))))
                .as("the one slot is free again, and the database answers").hasSize(1);
        awaitNotRunning();
    }

    @Test
    void nothingIsSentAfterTheDeadline() throws Exception {
        Deadline deadline = Deadline.after(Duration.ofMillis(1));
        Thread.sleep(5);
        assertThatThrownBy(() -> database.query(SLOW, List.of(), deadline)).isInstanceOf(StoreTimeoutException.class);
        Thread.sleep(300);
        assertThat(running()).isZero();
    }

    private static void awaitNotRunning() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(running()).as("QuestDB runs the cancelled statement no more").isZero();
    }

    /** How many copies of the slow statement QuestDB is running (query_activity(), as its admin). */
    private static long running() {
        return questDb.exec("SELECT query FROM query_activity()").stream()
                .filter(row -> SLOW.equals(row.get("query"))).count();
    }
}
