package org.bwnetflow.connect.influx.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PointTest {

    private static Map<String, Long> fields(Object... pairs) {
        Map<String, Long> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return fields;
    }

    @Test
    void writesSortedTagsIntegerFieldsInOrderAndTheTimestampInThePrecision() {
        Point point = new Point("flows", new TreeMap<>(Map.of("z", "1", "a", "2")), fields("bytes", 10, "flows", 1),
                1_700_000_010_000L);

        assertThat(point.toLineProtocol(TimeUnit.SECONDS)).isEqualTo("flows,a=2,z=1 bytes=10i,flows=1i 1700000010");
        assertThat(point.toLineProtocol(TimeUnit.MILLISECONDS)).endsWith(" 1700000010000");
        assertThat(point.toLineProtocol(TimeUnit.NANOSECONDS)).endsWith(" 1700000010000000000");
    }

    @Test
    void escapesCommasSpacesAndEqualsSigns() {
        Point point = new Point("my flows,x=y", new TreeMap<>(Map.of("peer", "uplink, AS 1=a", "k ey,=", "v")),
                fields("by tes=,", 5), 0);

        assertThat(point.toLineProtocol(TimeUnit.SECONDS))
                .isEqualTo("my\\ flows\\,x=y,k\\ ey\\,\\==v,peer=uplink\\,\\ AS\\ 1\\=a by\\ tes\\=\\,=5i 0");
    }

    @Test
    void writesControlCharactersAsSpacesAndDoublesBackslashes() {
        Point point = new Point("m", new TreeMap<>(Map.of("t", "a\nb\tc\r\\", "u", "x\\,y", "w", "p\\q")), fields("f", -1), 0);

        assertThat(point.toLineProtocol(TimeUnit.SECONDS)).isEqualTo("m,t=a\\ b\\ c\\ \\\\,u=x\\\\\\,y,w=p\\\\q f=-1i 0");
    }

    @Test
    void rejectsEmptyTagValuesAndPointsWithoutFields() {
        assertThatThrownBy(() -> new Point("m", new TreeMap<>(Map.of("t", "")), fields("f", 1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'t'");
        assertThatThrownBy(() -> new Point("m", new TreeMap<>(), Map.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Point("", new TreeMap<>(), fields("f", 1), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isImmutable() {
        TreeMap<String, String> tags = new TreeMap<>(Map.of("t", "v"));
        Point point = new Point("m", tags, fields("f", 1), 0);
        tags.put("x", "y");

        assertThat(point.tags()).containsOnlyKeys("t");
        assertThatThrownBy(() -> point.fields().put("g", 2L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
