package org.bwnetflow.connect.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The QuestDB store against a real QuestDB that requires a password, as the local stack's does:
 * with QuestDB's user and password it reads; without them, or with a wrong password, it gets
 * nothing and says which options to check, never the password.
 */
class QuestDbStoreLoginTest {

    private static final Instant FROM = Instant.parse("2023-11-14T22:00:00Z");
    private static final Instant TO = Instant.parse("2023-11-14T23:00:00Z");

    @TempDir
    static Path dir;
    private static QuestDbFixture questDb;

    @BeforeAll
    static void start() {
        questDb = QuestDbFixture.start(dir.resolve("questdb"));
        questDb.execFile(Path.of("../connect-configs/questdb/tables.sql"));
        questDb.exec("INSERT INTO flows (cid, direction, ipversion, protoname, application, peer, topic_partition, bytes, "
                + "packets, flows, timestamp) VALUES ('1000', 'in', '4', 'TCP', 'www', 'x', 'flows-1000-0', 1234, 5, 1, "
                + "'2023-11-14T22:13:20.000000Z')");
        questDb.awaitApplied("flows");
    }

    @AfterAll
    static void stop() {
        questDb.close();
    }

    private static TrafficQuery totalOfCustomer1000() {
        return new TrafficQuery(Measurement.named("flows"), null, FROM, TO, 60, 1000L, 10);
    }

    @Test
    void withQuestDbsPasswordTheStoreReads() {
        QuestDbStore store = new QuestDbStore(questDb.url(), questDb.user(), questDb.password().toCharArray());

        assertThat(store.totals(totalOfCustomer1000())).singleElement()
                .satisfies(total -> assertThat(total.bytes()).isEqualTo(1234));
        assertThat(store.describe()).doesNotContain(questDb.password());
    }

    @Test
    void withoutItOrWithAWrongOneTheStoreGetsNothingAndSaysWhatToCheck() {
        String wrong = questDb.password() + "x";
        for (QuestDbStore store : List.of(new QuestDbStore(questDb.url(), null, new char[0]),
                new QuestDbStore(questDb.url(), questDb.user(), wrong.toCharArray()))) {
            assertThatThrownBy(() -> store.totals(totalOfCustomer1000())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("HTTP 401").hasMessageContaining("--questdb-password-file")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        }
    }
}
