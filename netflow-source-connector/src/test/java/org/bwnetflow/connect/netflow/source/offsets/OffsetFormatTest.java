package org.bwnetflow.connect.netflow.source.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/** The partition keys and the compact lists of the offset format. */
class OffsetFormatTest {

    /**
     * The worker reads a partition back (JsonConverter, into a HashMap) and serializes it again to
     * find its offset: GET and DELETE /connectors/NAME/offsets only work when that gives the very
     * bytes the task wrote.
     */
    @Test
    void everyPartitionSurvivesTheWorkersReadAndWriteByteForByte() {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "false"), true);
        Map<String, Object> domain = OffsetFormat.domainPartition("2001:db8::1", 10, 4_000_000_000L);
        for (Map<String, Object> partition : List.of(domain, OffsetFormat.templatePartition(domain, 65_535),
                OffsetFormat.interfacePartition(domain, 1023), OffsetFormat.domainPartition("192.0.2.1", 5, 0))) {
            byte[] written = converter.fromConnectData("offsets", null, Arrays.asList("netflow-source", partition));
            Object readBack = converter.toConnectData("offsets", written).value();
            byte[] again = converter.fromConnectData("offsets", null, readBack);
            assertThat(new String(again)).isEqualTo(new String(written));
        }
    }

    @Test
    void idListsAreCompactAndReadBack() {
        TreeSet<Integer> ids = new TreeSet<>(List.of(256, 257, 258, 300, 302, 303, 65_535));
        String text = OffsetFormat.encodeIds(ids);
        assertThat(text).isEqualTo("256-258,300,302-303,65535");
        assertThat(OffsetFormat.decodeIds(text, 100)).containsExactlyElementsOf(ids);
        assertThat(OffsetFormat.decodeIds("1-x,5,7-9", 100)).containsExactly(5, 7, 8, 9);
        assertThat(OffsetFormat.decodeIds("256-400", 10)).hasSize(10); // at most what was asked for
        assertThat(OffsetFormat.decodeIds("0-4000000", 10)).isEmpty(); // no template id range is that wide: damaged
    }

    @Test
    void interfaceBucketsSpreadSparseIfIndexes() {
        int[] counts = new int[OffsetFormat.INTERFACE_BUCKETS];
        for (long ifIndex = 436_207_616L; ifIndex < 436_207_616L + 65_536 * 64; ifIndex += 64) { // Cisco-style, sparse
            counts[OffsetFormat.bucketOf(ifIndex)]++;
        }
        assertThat(Arrays.stream(counts).max().orElseThrow()).isLessThanOrEqualTo(128); // 64 on average
    }
}
