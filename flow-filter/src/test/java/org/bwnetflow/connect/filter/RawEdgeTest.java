package org.bwnetflow.connect.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;

/**
 * The raw matcher on wire forms that encoders do not write but protobuf reads, on the edges of its tag table and
 * its 8-byte reads, and on the bounds of number comparisons; always against what {@code FlowMessageCodec.decode}
 * makes of the same bytes.
 */
class RawEdgeTest {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int DELIMITED = 2;
    private static final int FIXED32 = 5;

    @Test
    void overLongTagsAreTheSameField() {
        // Bytes (field 9) = 5 with its tag in one, two, three and five bytes
        byte[][] forms = {{0x48, 5}, {(byte) 0xC8, 0, 5}, {(byte) 0xC8, (byte) 0x80, 0, 5},
            {(byte) 0xC8, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0, 5}};
        RawFlowMatcher matcher = FlowFilters.parse("bytes = 5").compileRaw();
        for (byte[] bytes : forms) {
            assertThat(FlowMessageCodec.decode(bytes).get("Bytes")).isEqualTo(5L);
            assertThat(matcher.matches(bytes)).isTrue();
        }
    }

    @Test
    void fieldNumbersPastTheTableAreSkipped() {
        // 2048 + 21 has the low tag bits of SrcPort (21): it must not be read as SrcPort
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, 2048 + 21, VARINT);
        varint(out, 80);
        field(out, 5000, FIXED64);
        out.writeBytes(new byte[8]);
        field(out, 5001, DELIMITED);
        varint(out, 3);
        out.writeBytes(new byte[3]);
        field(out, 536_870_911, FIXED32); // the highest field number: a five-byte tag
        out.writeBytes(new byte[4]);
        field(out, FlowField.SRC_PORT.number(), VARINT);
        varint(out, 53);
        byte[] bytes = out.toByteArray();
        assertThat(FlowMessageCodec.decode(bytes).get("SrcPort")).isEqualTo(53L);
        assertThat(FlowFilters.parse("src port 53").compileRaw().matches(bytes)).isTrue();
        assertThat(FlowFilters.parse("src port 80").compileRaw().matches(bytes)).isFalse();
    }

    @Test
    void bytesAfterTheMessageAreNotRead() {
        // SrcPort 53 inside a larger array
        byte[] framed = {0x7F, (byte) 0xA8, 1, 53, 1, 0};
        assertThat(FlowFilters.parse("src port 53").compileRaw().matches(framed, 1, 3)).isTrue();
        // a varint that the next byte of the array would end, but the message ends first: read, then skipped
        byte[] cut = {(byte) 0xA8, 1, (byte) 0xB5, 1};
        assertThat(FlowFilters.parse("src port 181").compileRaw().matches(cut, 0, 3)).isFalse();
        assertThat(FlowFilters.parse("any").compileRaw().matches(cut, 0, 3)).isFalse();
        // a tag cut after its first byte, a length and an address past the end
        assertThat(FlowFilters.parse("any").compileRaw().matches(cut, 0, 1)).isFalse();
        byte[] address = {0x3A, 4, 10, 1, 2, 3};
        assertThat(FlowFilters.parse("dst net 10.0.0.0/8").compileRaw().matches(address, 0, 5)).isFalse();
        assertThat(FlowFilters.parse("any").compileRaw().matches(address, 0, 5)).isFalse();
        assertThat(FlowFilters.parse("dst net 10.0.0.0/8").compileRaw().matches(address, 0, 6)).isTrue();
    }

    @Test
    void longVarintsAtTheEndOfTheArray() {
        // Bytes = 2^64 - 1 in ten bytes, the last bytes of the array (no 8-byte read fits there)
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, FlowField.BYTES.number(), VARINT);
        varint(out, -1L);
        byte[] bytes = out.toByteArray();
        assertThat(bytes).hasSize(11);
        assertThat(FlowMessageCodec.decode(bytes).get("Bytes")).isEqualTo(-1L);
        assertThat(filter(FlowField.BYTES, Comparison.EQ, -1L).compileRaw().matches(bytes)).isTrue();
        assertThat(FlowFilters.parse("any").compileRaw().matches(bytes)).isTrue();
        // an eleventh byte, and a ten-byte length (no length fits in 64 bits this way)
        byte[] eleven = {0x48, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1};
        byte[] hugeLength = {0x3A, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 0};
        for (byte[] malformed : new byte[][] {eleven, hugeLength}) {
            assertThat(FlowFilters.parse("any").compileRaw().matches(malformed)).isFalse();
            assertThat(FlowFilters.parse("bytes > 0").compileRaw().matches(malformed)).isFalse();
        }
    }

    @Test
    void packedValueCutAtTheEndOfItsField() {
        // DstAsPath packed, length 2: 1, then a value whose last byte lies after the field
        byte[] bytes = {(byte) 0xE2, 0x44, 2, 1, (byte) 0x80, 0x48, 5};
        assertThatThrownBy(() -> FlowMessageCodec.decode(bytes)).isInstanceOf(DataException.class);
        assertThat(FlowFilters.parse("DstAsPath contains 1").compileRaw().matches(bytes)).isFalse();
        // a list the filter does not read is skipped by its length, its values unchecked (as texts' UTF-8 is)
        assertThat(FlowFilters.parse("any").compileRaw().matches(bytes)).isTrue();
    }

    @Test
    void comparisonsAtTheBoundsOfLongs() {
        long[] values = {0, 1, -1, 64500, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE, 0xFFFF_FFFFL};
        FlowField[] fields = {FlowField.BYTES, FlowField.SRC_AS, FlowField.TYPE};
        for (FlowField field : fields) {
            for (long value : values) {
                Struct flow = FlowMessageSchema.newFlow();
                if (field == FlowField.TYPE) {
                    Flows.setEnum(flow, field, (int) value);
                } else {
                    Flows.setNumber(flow, field, field == FlowField.SRC_AS ? value & 0xFFFF_FFFFL : value);
                }
                byte[] bytes = FlowMessageCodec.encode(flow);
                Struct decoded = FlowMessageCodec.decode(bytes);
                for (Comparison comparison : Comparison.values()) {
                    for (long bound : values) {
                        Filter filter = filter(field, comparison, bound);
                        assertThat(filter.compileRaw().matches(bytes)).as("%s on %s", filter, decoded).isEqualTo(filter.matches(decoded));
                    }
                }
            }
        }
    }

    private static Filter filter(FlowField field, Comparison comparison, long value) {
        return new Filter(new FilterNode.NumberComparison(field, comparison, value));
    }

    private static void field(ByteArrayOutputStream out, int number, int wire) {
        varint(out, (long) number << 3 | wire);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
