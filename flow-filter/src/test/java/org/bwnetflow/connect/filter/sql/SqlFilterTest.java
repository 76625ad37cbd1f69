package org.bwnetflow.connect.filter.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bwnetflow.connect.filter.FlowFilters;
import org.bwnetflow.connect.model.table.FlowsColumn;
import org.junit.jupiter.api.Test;

/** The SQL text and parameters of filters on the raw flows table. */
class SqlFilterTest {

    private static final long IPV4_LOW = 0x0000_ffff_0000_0000L;

    private static SqlCondition sql(String filter) {
        return SqlFilter.toSql(FlowFilters.parse(filter));
    }

    private static void assertSql(String filter, String sql, Object... parameters) {
        SqlCondition condition = sql(filter);
        assertThat(condition.sql()).as(filter).isEqualTo(sql);
        assertThat(condition.parameters()).as(filter).containsExactly(parameters);
    }

    @Test
    void numbers() {
        assertSql("proto udp and dst port 53", "(proto = ? AND dst_port = ?)", 17L, 53L);
        assertSql("port in [80 443]", "(src_port = ? OR src_port = ? OR dst_port = ? OR dst_port = ?)", 80L, 443L, 80L, 443L);
        assertSql("bytes > 100k", "bytes > ?", 100_000L);
        assertSql("not dst as 64500", "NOT (dst_as = ?)", 64500L);
        assertSql("Cid != 5", "cid != ?", 5L);
        assertSql("next as 64510", "next_hop_as = ?", 64510L);
        assertSql("in if 3 or out if name ae0", "(in_if = ? OR (out_if_name IS NOT NULL AND out_if_name = ?))", 3L, "ae0");
    }

    @Test
    void timesAreMicroseconds() {
        assertSql("TimeFlowStart >= 1796000000", "flow_start >= ?", 1_796_000_000_000_000L);
    }

    @Test
    void ipv4PrefixesRangeTheLowHalf() {
        assertSql("src net 10.0.0.0/8", "(src_addr_hi = ? AND (src_addr_lo >= ? AND src_addr_lo <= ?))", 0L, IPV4_LOW | 0x0a00_0000L,
                IPV4_LOW | 0x0aff_ffffL);
        assertSql("dst host 192.0.2.53", "(dst_addr_hi = ? AND dst_addr_lo = ?)", 0L, IPV4_LOW | 0xc000_0235L);
        assertSql("inet", "(src_addr_hi = ? AND (src_addr_lo >= ? AND src_addr_lo <= ?))", 0L, IPV4_LOW, IPV4_LOW | 0xffff_ffffL);
    }

    @Test
    void ipv6PrefixesRangeTheHighHalfUpTo64() {
        assertSql("dst net 2001:db8::/32", "(dst_addr_hi >= ? AND dst_addr_hi <= ?)", 0x2001_0db8_0000_0000L, 0x2001_0db8_ffff_ffffL);
        assertSql("src net 2001:db8:1:2::/64", "src_addr_hi = ?", 0x2001_0db8_0001_0002L);
        assertSql("src net 2001:db8:1:2:8000::/65", "(src_addr_hi = ? AND (src_addr_lo >= ? AND src_addr_lo <= ?))", 0x2001_0db8_0001_0002L,
                Long.MIN_VALUE, -1L);
        assertSql("src host 2001:db8::1", "(src_addr_hi = ? AND src_addr_lo = ?)", 0x2001_0db8_0000_0000L, 1L);
        // both sign halves: the signed range of a prefix of length 1 or more never wraps
        assertSql("src net 8000::/1", "(src_addr_hi >= ? AND src_addr_hi <= ?)", Long.MIN_VALUE, -1L);
        assertSql("src net ::/1", "(src_addr_hi >= ? AND src_addr_hi <= ?)", 0L, Long.MAX_VALUE);
        assertSql("src net ::/0", "1 = 1");
    }

    @Test
    void familyByTheHalves() {
        assertSql("inet6", "(NOT ((src_addr_hi = ? AND (src_addr_lo >= ? AND src_addr_lo <= ?)))"
                + " AND NOT ((src_addr_hi = ? AND src_addr_lo = ?)))",
                0L, IPV4_LOW, IPV4_LOW | 0xffff_ffffL, 0L, 0L);
    }

    @Test
    void emptyTextsAreNull() {
        assertSql("SrcCountry = \"\"", "src_country IS NULL");
        assertSql("SrcCountry != \"\"", "src_country IS NOT NULL");
        assertSql("country DE", "((src_country IS NOT NULL AND src_country = ?) OR (dst_country IS NOT NULL AND dst_country = ?))",
                "DE", "DE");
        assertSql("dst country != US", "(dst_country IS NULL OR dst_country != ?)", "US");
        assertSql("not dst country US", "(dst_country IS NULL OR dst_country != ?)", "US");
    }

    @Test
    void exporterIsItsText() {
        assertSql("exporter 198.51.100.1", "(exporter IS NOT NULL AND exporter = ?)", "198.51.100.1");
        assertSql("exporter ::ffff:198.51.100.1", "(exporter IS NOT NULL AND exporter = ?)", "198.51.100.1");
        assertSql("exporter 2001:db8::fe", "(exporter IS NOT NULL AND exporter = ?)", "2001:db8:0:0:0:0:0:fe");
        assertSql("exporter ::", "(exporter IS NULL OR exporter = ?)", "0:0:0:0:0:0:0:0");
        assertThatThrownBy(() -> sql("exporter 198.51.100.0/24"))
                .isInstanceOf(SqlTranslationException.class)
                .hasMessageContaining("stores the exporter as text")
                .hasMessageContaining("SamplerAddress = 198.51.100.0/24");
    }

    @Test
    void fieldsNotStoredAreNamed() {
        assertThatThrownBy(() -> sql("proto udp and DstAsPath contains 64500"))
                .isInstanceOf(SqlTranslationException.class)
                .hasMessageStartingWith("the raw flows table does not store DstAsPath; it stores ")
                .hasMessageContaining("SrcAddr")
                .hasMessageContaining("SrcCountry");
        assertThatThrownBy(() -> sql("Note = x")).hasMessageStartingWith("the raw flows table does not store Note;");
        assertThatThrownBy(() -> sql("next ip 192.0.2.1")).hasMessageStartingWith("the raw flows table does not store NextHop;");
    }

    @Test
    void anyIsTrue() {
        assertSql("", "1 = 1");
        assertSql("any and proto 6", "(1 = 1 AND proto = ?)", 6L);
    }

    @Test
    void nothingOfTheTextReachesTheSql() {
        SqlCondition condition = sql("country \"x' OR 1=1 --\" or in if name \"a\\\"b\" or SrcCountry = DE");
        assertThat(condition.sql()).doesNotContain("'").doesNotContain("--").doesNotContain("\"");
        assertThat(condition.parameters()).contains("X' OR 1=1 --", "a\"b", "DE");
        assertOnlyColumnsAndOperators(condition.sql());
    }

    @Test
    void everyTranslatableExampleUsesOnlyColumnsAndOperators() {
        for (String filter : List.of("src net 10.0.0.0/8 and proto udp and dst port 53 and bytes > 1000 and not dst as 64500",
                "host 2001:db8::1 or (port in [80 443] and country DE)", "not (inet6 or cid in [1 2 3]) and packets <= 5")) {
            SqlCondition condition = sql(filter);
            assertOnlyColumnsAndOperators(condition.sql());
            assertThat(condition.sql().chars().filter(c -> c == '?').count()).isEqualTo(condition.parameters().size());
            assertThat(condition.parameters()).allMatch(p -> p instanceof Long || p instanceof String);
        }
    }

    private static void assertOnlyColumnsAndOperators(String sql) {
        Set<String> keywords = Set.of("AND", "OR", "NOT", "IS", "NULL", "BETWEEN");
        Matcher words = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*").matcher(sql);
        while (words.find()) {
            String word = words.group();
            assertThat(keywords.contains(word) || FlowsColumn.byName(word) != null).as("%s in %s", word, sql).isTrue();
        }
        assertThat(sql).matches("[A-Za-z0-9_ ()?=!<>]*");
    }
}
