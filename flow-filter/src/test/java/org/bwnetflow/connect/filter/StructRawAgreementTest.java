package org.bwnetflow.connect.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.junit.jupiter.api.Test;

/** Property: for random flows and every example expression, the raw-bytes matcher agrees with the Struct evaluation. */
class StructRawAgreementTest {

    private static final int FLOWS = 5000;

    @Test
    void rawBytesAgreeWithStructs() {
        List<Filter> filters = new ArrayList<>();
        List<RawFlowMatcher> matchers = new ArrayList<>();
        for (FilterExamples.Example example : FilterExamples.EXAMPLES) {
            Filter filter = FlowFilters.parse(example.filter());
            filters.add(filter);
            matchers.add(filter.compileRaw());
        }
        RandomFlows random = new RandomFlows(26);
        int matched = 0;
        for (int i = 0; i < FLOWS; i++) {
            Struct flow = random.next();
            byte[] bytes = FlowMessageCodec.encode(flow);
            Struct decoded = FlowMessageCodec.decode(bytes);
            for (int f = 0; f < filters.size(); f++) {
                boolean expected = filters.get(f).matches(flow);
                assertThat(filters.get(f).matches(decoded)).as("%s on decoded %s", filters.get(f), flow).isEqualTo(expected);
                assertThat(matchers.get(f).matches(bytes)).as("%s raw on %s", filters.get(f), flow).isEqualTo(expected);
                matched += expected ? 1 : 0;
            }
        }
        // the flows must exercise both outcomes, not only "no match"
        assertThat(matched).isBetween(FLOWS, FLOWS * filters.size() - FLOWS);
    }

    @Test
    void lastOccurrenceWinsAndListsAddUp() {
        // SrcPort 53 then SrcPort 80; DstAsPath packed [1] then unpacked 64500
        byte[] bytes = {(byte) 168, 1, 53, (byte) 168, 1, 80, (byte) 226, 68, 1, 1, (byte) 224, 68, (byte) 0xF4, (byte) 0xF7, 3};
        assertThat(FlowMessageCodec.decode(bytes).get("SrcPort")).isEqualTo(80L);
        assertThat(FlowFilters.parse("src port 80").compileRaw().matches(bytes)).isTrue();
        assertThat(FlowFilters.parse("src port 53").compileRaw().matches(bytes)).isFalse();
        assertThat(FlowFilters.parse("DstAsPath contains 64500 and DstAsPath contains 1").compileRaw().matches(bytes)).isTrue();
    }

    @Test
    void malformedBytesMatchNothing() {
        RawFlowMatcher any = FlowFilters.parse("any").compileRaw();
        RawFlowMatcher not = FlowFilters.parse("not src port 1").compileRaw();
        byte[][] malformed = {
            {(byte) 168, 1, (byte) 0x80},     // truncated varint
            {58, 5, 1, 2},                    // length past the end
            {0, 1},                           // field number 0
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, 1},              // an 11-byte varint
            {11, 12},                         // a group
            {(byte) 169, 1, 1, 2},            // fixed64 cut short
        };
        for (byte[] bytes : malformed) {
            assertThat(any.matches(bytes)).isFalse();
            assertThat(not.matches(bytes)).isFalse();
        }
        assertThat(any.matches(new byte[0])).isTrue();
        assertThat(not.matches(new byte[0])).isTrue();
    }
}
