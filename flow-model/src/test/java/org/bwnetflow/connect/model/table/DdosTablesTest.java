package org.bwnetflow.connect.model.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped tables.sql (which {@code flowstack up} runs at QuestDB's start) creates the DDoS tables
 * exactly as {@link DdosTables} names them: the sink writes by these names, the dashboard reads by
 * them, so a column renamed on one side only fails here.
 */
class DdosTablesTest {

    /** tables.sql's statements, comments left out and whitespace made single spaces. */
    private static List<String> shippedStatements() throws Exception {
        String sql = String.join(" ", Files.readAllLines(Path.of("../connect-configs/questdb/tables.sql")).stream()
                .filter(line -> !line.strip().startsWith("--")).toList());
        return Arrays.stream(sql.split(";")).map(s -> s.strip().replaceAll("\\s+", " ")).filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void tablesSqlCreatesBothTablesAsTheConstantsSay() throws Exception {
        assertThat(shippedStatements()).contains(DdosTables.createAttacksStatement(), DdosTables.createMitigationsStatement());
    }

    @Test
    void theStatementsHaveTheSinksTagsAsSymbolsFieldsAsLongsAndTheDedupKeys() {
        assertThat(DdosTables.createAttacksStatement()).isEqualTo("CREATE TABLE IF NOT EXISTS ddos_attacks (cid SYMBOL, "
                + "target SYMBOL, attack SYMBOL, event SYMBOL, top_source SYMBOL, start LONG, bits_per_second LONG, "
                + "packets_per_second LONG, threshold_bits_per_second LONG, threshold_packets_per_second LONG, "
                + "top_protocol LONG, top_port LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL "
                + "DEDUP UPSERT KEYS(timestamp, attack, event)");
        assertThat(DdosTables.createMitigationsStatement()).isEqualTo("CREATE TABLE IF NOT EXISTS ddos_mitigations ("
                + "cid SYMBOL, attack SYMBOL, target SYMBOL, action SYMBOL, route_key SYMBOL, route SYMBOL, reason SYMBOL, "
                + "count LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY DAY WAL "
                + "DEDUP UPSERT KEYS(timestamp, route_key, action)");
    }

    @Test
    void everyActionOnceAndTheAnnouncedStateChangingOnesAmongThem() {
        assertThat(DdosTables.ACTIONS).doesNotHaveDuplicates().hasSize(9)
                .containsAll(DdosTables.ANNOUNCING_ACTIONS).containsAll(DdosTables.WITHDRAWING_ACTIONS);
        assertThat(DdosTables.ACTIONS).contains("announce", "withdraw", "refuse", "restore", "announce-failed",
                "withdraw-failed", "orphan-withdraw", "dry-run-announce", "dry-run-withdraw");
    }
}
