package org.bwnetflow.connect.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example expression on every example flow: on the Struct, on its protobuf bytes, and after a round trip of toString. */
class FilterTableTest {

    private static final Map<String, Struct> FLOWS = ExampleFlows.all();

    static Stream<Arguments> examples() {
        return FilterExamples.EXAMPLES.stream().map(example -> Arguments.of(example.filter(), example.matches()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("examples")
    void structsMatch(String text, Set<String> expected) {
        Filter filter = FlowFilters.parse(text);
        Set<String> matched = new TreeSet<>();
        FLOWS.forEach((name, flow) -> {
            if (filter.matches(flow)) {
                matched.add(name);
            }
        });
        assertThat(matched).as("%s (canonical: %s)", text, filter).isEqualTo(new TreeSet<>(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("examples")
    void rawBytesMatch(String text, Set<String> expected) {
        RawFlowMatcher matcher = FlowFilters.parse(text).compileRaw();
        Set<String> matched = new TreeSet<>();
        FLOWS.forEach((name, flow) -> {
            byte[] bytes = FlowMessageCodec.encode(flow);
            byte[] padded = new byte[bytes.length + 7];
            System.arraycopy(bytes, 0, padded, 3, bytes.length);
            boolean whole = matcher.matches(bytes);
            assertThat(matcher.matches(padded, 3, bytes.length)).as("%s at an offset", name).isEqualTo(whole);
            if (whole) {
                matched.add(name);
            }
        });
        assertThat(matched).as(text).isEqualTo(new TreeSet<>(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("examples")
    void toStringParsesBackEqual(String text, Set<String> expected) {
        Filter filter = FlowFilters.parse(text);
        Filter again = FlowFilters.parse(filter.toString());
        assertThat(again).as(filter.toString()).isEqualTo(filter);
        assertThat(again.toString()).isEqualTo(filter.toString());
    }
}
