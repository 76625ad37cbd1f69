package org.bwnetflow.connect.dashboard.explore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bwnetflow.connect.influx.testing.QuestDbFixture;
import org.bwnetflow.connect.model.table.FlowsTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long the explorer's real queries take over many stored flows (a manual measurement, see
 * docs/BENCHMARKS.md): {@code -Dexplorer.benchmark.rows=50000000} fills the raw flows table of a real
 * QuestDB with that many flows over 24 hours (values spread as in a campus network: a few large
 * customers, mostly TCP to 443, ~100,000 remote hosts, a tenth IPv6), then times each view through
 * {@link Explorer} as the dashboard asks it, as QuestDB's read-only user.
 */
@EnabledIfSystemProperty(named = "explorer.benchmark.rows", matches = "\\d+")
class ExplorerBenchmark {

    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    private static final long CHUNK = 5_000_000;
    private static final int RUNS = 5;

    @TempDir
    Path dir;

    @Test
    void timeTheExplorersQueries() {
        long rows = Long.getLong("explorer.benchmark.rows");
        try (QuestDbFixture questDb = QuestDbFixture.startWithPgWire(dir.resolve("questdb"))) {
            questDb.exec(FlowsTable.createStatement(FlowsTable.DEFAULT_NAME, 24 * 365 * 10));
            long started = System.nanoTime();
            long microsPerRow = 86_400_000_000L / rows;
            for (long first = 0; first < rows; first += CHUNK) {
                questDb.exec(insert(first, Math.min(CHUNK, rows - first), microsPerRow));
            }
            questDb.awaitApplied(FlowsTable.DEFAULT_NAME);
            System.out.printf(Locale.ROOT, "explorer benchmark: %,d flows stored in %.0f s%n", rows,
                    (System.nanoTime() - started) / 1e9);
            Explorer explorer = new Explorer(new PgDatabase(questDb.pgUrl(), QuestDbFixture.READONLY_USER,
                    questDb.readonlyPassword().toCharArray()), FlowsTable.DEFAULT_NAME);
            LanguageFilterTranslator filters = new LanguageFilterTranslator();
            String threeTerms = "proto 6 and dst port 443 and src net 10.0.0.0/9";
            Instant end = START.plus(Duration.ofHours(24));
            List<String> report = new ArrayList<>();
            report.add(time(explorer, "top 10 by dst_addr, 24 h, no filter", query(START, end, null, filters.translate(""),
                    "dst_addr"), Chart.TABLE));
            report.add(time(explorer, "top 10 by dst_addr, 24 h, 3-term filter", query(START, end, null,
                    filters.translate(threeTerms), "dst_addr"), Chart.TABLE));
            report.add(time(explorer, "top 10 by proto, 24 h, 3-term filter, customer 1003", query(START, end, 1003L,
                    filters.translate(threeTerms), "proto"), Chart.TABLE));
            report.add(time(explorer, "top 10 by cid,proto,dst_as, 24 h, 3-term filter", query(START, end, null,
                    filters.translate(threeTerms), "cid", "proto", "dst_as"), Chart.TABLE));
            report.add(time(explorer, "top 10 by dst_as + series, 24 h, 3-term filter", query(START, end, null,
                    filters.translate(threeTerms), "dst_as"), Chart.SERIES));
            report.add(time(explorer, "sankey cid->proto->dst_as, 24 h, 3-term filter", query(START, end, null,
                    filters.translate(threeTerms), "cid", "proto", "dst_as"), Chart.SANKEY));
            report.add(time(explorer, "top 10 by dst_addr, 1 h, 3-term filter", query(START.plusSeconds(36_000),
                    START.plusSeconds(39_600), null, filters.translate(threeTerms), "dst_addr"), Chart.TABLE));
            report.forEach(line -> System.out.println("explorer benchmark: " + line));
        }
    }

    private static ExploreQuery query(Instant from, Instant to, Long cid, SqlCondition filter, String... dimensions) {
        return new ExploreQuery(from, to, cid, filter, List.of(dimensions).stream().map(Dimension::named).toList(), 10,
                Metric.BYTES);
    }

    /** The first run and the median of the next ones, in milliseconds. */
    private static String time(Explorer explorer, String what, ExploreQuery query, Chart chart) {
        long[] millis = new long[RUNS];
        for (int run = 0; run < RUNS; run++) {
            long started = System.nanoTime();
            explorer.explore(query, chart);
            millis[run] = (System.nanoTime() - started) / 1_000_000;
        }
        long[] warm = java.util.Arrays.copyOfRange(millis, 1, RUNS);
        java.util.Arrays.sort(warm);
        return String.format(Locale.ROOT, "%-55s first %5d ms, median of %d more %5d ms", what, millis[0], RUNS - 1,
                warm[warm.length / 2]);
    }

    /**
     * Rows {@code first} to {@code first + count}: customers 1000-1049 (the low ids much larger),
     * 70 % TCP, 25 % UDP, half of the flows to port 443, sources in 10.0.0.0/8, ~100,000 destinations
     * of which a tenth IPv6.
     */
    private static String insert(long first, long count, long microsPerRow) {
        long v4 = 0x0000_ffff_0000_0000L; // ::ffff:0:0, QuestDB's SQL takes no hex
        long net10 = 0x0a00_0000L;
        long dstV4 = 0xc633_6400L; // 198.51.100.0
        long dstV6High = 0x2001_0db8_0000_0000L;
        return "INSERT INTO " + FlowsTable.DEFAULT_NAME + " (ts, exporter, src_addr_hi, src_addr_lo, dst_addr_hi, "
                + "dst_addr_lo, src_port, dst_port, proto, bytes, packets, sampling_rate, in_if, out_if, in_if_name, "
                + "out_if_name, src_as, dst_as, next_hop_as, src_country, dst_country, cid, flow_direction, remote_addr, "
                + "kafka_topic, kafka_partition, kafka_offset) SELECT "
                + "timestamp_sequence(" + (START.toEpochMilli() * 1000 + first * microsPerRow) + "L, " + microsPerRow + "L), "
                + "rnd_symbol('192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4'), 0L, "
                + (v4 + net10) + "L + rnd_long(0, 16777215, 0), "
                + "CASE WHEN rnd_int(0, 9, 0) = 0 THEN " + dstV6High + "L ELSE 0L END, "
                + (v4 + dstV4) + "L + rnd_long(0, 99999, 0), "
                + "rnd_long(1024, 65535, 0), "
                + "CASE WHEN rnd_int(0, 99, 0) < 50 THEN 443L WHEN rnd_int(0, 99, 0) < 30 THEN 80L "
                + "WHEN rnd_int(0, 99, 0) < 20 THEN 53L ELSE rnd_long(1, 65535, 0) END, "
                + "CASE WHEN rnd_int(0, 99, 0) < 70 THEN 6L WHEN rnd_int(0, 99, 0) < 83 THEN 17L ELSE 1L END, "
                + "rnd_long(40, 1500, 0) * rnd_long(1, 100, 0), rnd_long(1, 100, 0), 1L, rnd_long(1, 48, 0), "
                + "rnd_long(1, 48, 0), rnd_symbol('xe-0/0/0', 'xe-0/0/1', 'xe-0/0/2', 'et-0/0/0'), "
                + "rnd_symbol('xe-1/0/0', 'xe-1/0/1'), 553L, 64496L + rnd_long(0, 999, 0), 64496L + rnd_long(0, 9, 0), "
                + "'DE', rnd_symbol('US', 'DE', 'FR', 'NL', 'GB', 'CN', 'JP', 'BR'), "
                + "1000L + rnd_long(0, 7, 0) * rnd_long(0, 7, 0), rnd_long(0, 1, 0), 2L, 'flows', 0L, "
                + (first) + "L + x FROM long_sequence(" + count + ")";
    }
}
