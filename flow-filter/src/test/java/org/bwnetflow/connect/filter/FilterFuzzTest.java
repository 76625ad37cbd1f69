package org.bwnetflow.connect.filter;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.filter.sql.SqlFilter;
import org.bwnetflow.connect.filter.sql.SqlTranslationException;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the filter text (seeds: every expression of {@link FilterExamples}). Whatever the text, parsing either
 * gives a filter or throws {@link FilterSyntaxException}; a filter's toString parses back equal, it evaluates on
 * the example flows as Structs and as raw bytes alike, and translates to SQL or throws
 * {@link SqlTranslationException}. Anything else is a finding.
 *
 * <pre>
 * # regression mode (every `mvn test`): the seeds only
 * mvn -pl flow-filter test -Dtest=FilterFuzzTest
 * # bounded fuzzing (bin/test-all passes -Pfuzz -Dfuzz.duration=30s)
 * mvn -pl flow-filter test -Dfuzz.duration=60s
 * </pre>
 */
public class FilterFuzzTest {

    private static final List<Struct> FLOWS = new ArrayList<>(ExampleFlows.all().values());
    private static final List<byte[]> ENCODED = FLOWS.stream().map(FlowMessageCodec::encode).toList();

    static Stream<Arguments> expressions() {
        return FilterExamples.EXAMPLES.stream().map(example -> Arguments.of((Object) example.filter().getBytes(StandardCharsets.UTF_8)));
    }

    @MethodSource("expressions")
    @FuzzTest
    public void parse(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Filter filter;
        try {
            filter = FlowFilters.parse(text);
        } catch (FilterSyntaxException expected) {
            if (expected.position() < 0 || expected.position() > text.length()) {
                throw new IllegalStateException("position " + expected.position() + " outside the text", expected);
            }
            return;
        }
        Filter again = FlowFilters.parse(filter.toString());
        if (!again.equals(filter)) {
            throw new IllegalStateException("'" + filter + "' parses back as '" + again + "'");
        }
        RawFlowMatcher matcher = filter.compileRaw();
        for (int i = 0; i < FLOWS.size(); i++) {
            if (filter.matches(FLOWS.get(i)) != matcher.matches(ENCODED.get(i))) {
                throw new IllegalStateException("'" + filter + "' on flow " + i + ": the Struct and the raw bytes disagree");
            }
        }
        try {
            SqlFilter.toSql(filter);
        } catch (SqlTranslationException expected) {
            // a field the table does not store
        }
    }
}
