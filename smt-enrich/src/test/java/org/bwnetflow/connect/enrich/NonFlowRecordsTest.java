package org.bwnetflow.connect.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.enrich.testing.TestFiles;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every transform, given a record that is not a FlowMessage: a clear DataException, or a pass. */
class NonFlowRecordsTest {

    @TempDir
    static Path tmp;

    static Stream<Arguments> transformsAndRecords() {
        Map<String, Supplier<SourceRecord>> records = Map.of(
                "a Struct of schema other.Thing", TestFlows::otherStructRecord,
                "a java.lang.String without schema", TestFlows::schemalessRecord,
                "a tombstone (null value)", TestFlows::tombstone);
        return Stream.of("Normalize", "CustomerId", "GeoIp", "InterfaceNames", "ProtoName")
                .flatMap(t -> records.entrySet().stream().map(r -> Arguments.of(t, r.getKey(), r.getValue())));
    }

    @ParameterizedTest(name = "{0} given {1}")
    @MethodSource("transformsAndRecords")
    void failsNamingTheTransformAndWhatItGot(String name, String what, Supplier<SourceRecord> record)
            throws IOException {
        try (Transformation<SourceRecord> transform = configured(name, FlowRecordAccess.FAIL)) {
            assertThatThrownBy(() -> transform.apply(record.get())).isInstanceOf(DataException.class)
                    .hasMessageStartingWith(name + " works on FlowMessage records only, but got " + what);
        }
    }

    @ParameterizedTest(name = "{0} given {1}")
    @MethodSource("transformsAndRecords")
    void passesThemUnchangedWhenConfigured(String name, String what, Supplier<SourceRecord> record)
            throws IOException {
        try (Transformation<SourceRecord> transform = configured(name, "PASS")) {
            SourceRecord in = record.get();
            assertThat(transform.apply(in)).isSameAs(in);
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
        return Stream.of("Normalize", "CustomerId", "GeoIp", "InterfaceNames", "ProtoName");
    }

    static Transformation<SourceRecord> configured(String name, String onOther) throws IOException {
        Map<String, String> config = new HashMap<>(Map.of(FlowRecordAccess.ON_OTHER_RECORDS, onOther));
        Transformation<SourceRecord> transform;
        switch (name) {
            case "Normalize":
                transform = new Normalize<>();
                break;
            case "CustomerId":
                Path prefixes = tmp.resolve("prefixes.csv");
                Files.writeString(prefixes, "10.0.0.0/8,1\n");
                config.put(CustomerId.PREFIXES_FILE, prefixes.toString());
                transform = new CustomerId<>();
                break;
            case "GeoIp":
                config.put(GeoIp.DATABASE_FILE, TestFiles.testdata("geoip/GeoLite2-Country-Test.mmdb").toString());
                transform = new GeoIp<>();
                break;
            case "InterfaceNames":
                transform = new InterfaceNames<>();
                break;
            default:
                transform = new ProtoName<>();
        }
        transform.configure(config);
        return transform;
    }
}
