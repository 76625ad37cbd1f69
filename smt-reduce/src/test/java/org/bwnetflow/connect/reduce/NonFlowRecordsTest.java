package org.bwnetflow.connect.reduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both transforms, given a record that is not a flow: a clear DataException, or a pass. */
class NonFlowRecordsTest {

    static final String KEY_HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    static Stream<Arguments> transformsAndRecords() {
        Map<String, Supplier<SourceRecord>> records = Map.of(
                "a Struct of schema other.Thing", TestFlows::otherStructRecord,
                "a java.lang.String without schema", TestFlows::schemalessRecord,
                "a tombstone (null value)", TestFlows::tombstone);
        return Stream.of("ReduceFields", "Anonymize", "Anonymize/cryptopan")
                .flatMap(t -> records.entrySet().stream().map(r -> Arguments.of(t, r.getKey(), r.getValue())));
    }

    @ParameterizedTest(name = "{0} given {1}")
    @MethodSource("transformsAndRecords")
    void failsNamingTheTransformAndWhatItGot(String name, String what, Supplier<SourceRecord> record) {
        try (Transformation<SourceRecord> transform = configured(name, FlowRecordAccess.FAIL)) {
            assertThatThrownBy(() -> transform.apply(record.get())).isInstanceOf(DataException.class)
                    .hasMessageStartingWith(name.replaceAll("/.*", "") + " works on FlowMessage records only, but got "
                            + what);
        }
    }

    @ParameterizedTest(name = "{0} given {1}")
    @MethodSource("transformsAndRecords")
    void passesThemUnchangedWhenConfigured(String name, String what, Supplier<SourceRecord> record) {
        try (Transformation<SourceRecord> transform = configured(name, "PASS")) {
            SourceRecord in = record.get();
            assertThat(transform.apply(in)).isSameAs(in);
            assertThat(in.headers().isEmpty()).as("no mark on records that are not flows").isTrue();
        }
    }

    /** The source's ingest health records share its transform chain: they pass even where others fail. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("transformNames")
    void passesIngestHealthRecordsUnchanged(String name) throws Exception {
        try (Transformation<SourceRecord> transform = configured(name, FlowRecordAccess.FAIL)) {
            SourceRecord in = TestFlows.ingestHealthRecord();
            assertThat(transform.apply(in)).isSameAs(in);
            assertThat(in.headers().isEmpty()).isTrue();
        }
    }

    static Stream<String> transformNames() {
        return Stream.of("ReduceFields", "Anonymize", "Anonymize/cryptopan");
    }

    static Transformation<SourceRecord> configured(String name, String onOther) {
        Map<String, String> config = new HashMap<>(Map.of(FlowRecordAccess.ON_OTHER_RECORDS, onOther));
        Transformation<SourceRecord> transform;
        if (name.equals("ReduceFields")) {
            config.put(ReduceFields.FIELDS_KEEP, "SrcAddr,Bytes");
            transform = new ReduceFields<>();
        } else {
            if (name.endsWith("cryptopan")) {
                config.put(Anonymize.METHOD, Anonymize.METHOD_CRYPTOPAN);
                config.put(Anonymize.CRYPTOPAN_KEY, KEY_HEX);
            }
            transform = new Anonymize<>();
        }
        transform.configure(config);
        return transform;
    }
}
