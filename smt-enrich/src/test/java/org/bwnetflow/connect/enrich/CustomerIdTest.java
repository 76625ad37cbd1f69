package org.bwnetflow.connect.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.model.testing.TestFlows.flow;
import static org.bwnetflow.connect.model.testing.TestFlows.record;
import static org.bwnetflow.connect.model.testing.TestFlows.with;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_CID;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.REMOTE_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_CID;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.enrich.testing.TestFiles;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerIdTest {

    private static final String PREFIXES = String.join("\n",
            "# customers of the test network",
            "10.0.0.0/8,100",
            "10.1.0.0/16,101   # a more specific one wins",
            "192.0.2.0/24,200",
            "2001:db8::/32,300",
            "2001:db8:1::/48,301",
            "",
            "198.51.100.7,400",
            "");

    @TempDir
    Path tmp;
    private Path prefixes;
    private CustomerId<SourceRecord> transform;

    @BeforeEach
    void writePrefixes() throws IOException {
        prefixes = tmp.resolve("prefixes.csv");
        Files.writeString(prefixes, PREFIXES);
    }

    @AfterEach
    void close() {
        if (transform != null) {
            transform.close();
        }
    }

    private CustomerId<SourceRecord> customerId(String... keyValues) {
        Map<String, String> config = new HashMap<>(Map.of(CustomerId.PREFIXES_FILE, prefixes.toString(),
                CustomerId.RELOAD_INTERVAL_MS, "0"));
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        transform = new CustomerId<>();
        transform.configure(config);
        return transform;
    }

    private static Struct apply(CustomerId<SourceRecord> transform, String src, String dst, int direction) {
        Struct flow = with(flow(src, dst), FLOW_DIRECTION, direction);
        SourceRecord out = transform.apply(record(flow));
        return out == null ? null : (Struct) out.value();
    }

    @Test
    void ingressFlowsBelongToTheDestinationsCustomer() {
        Struct flow = apply(customerId(), "203.0.113.5", "10.1.2.3", 0);
        assertThat(Flows.number(flow, CID)).isEqualTo(101);
        assertThat(Flows.number(flow, SRC_CID)).isZero();
        assertThat(Flows.number(flow, DST_CID)).isEqualTo(101);
        assertThat(Flows.enumValue(flow, REMOTE_ADDR)).isEqualTo(1);
    }

    @Test
    void egressFlowsBelongToTheSourcesCustomer() {
        Struct flow = apply(customerId(), "10.2.0.1", "192.0.2.77", 1);
        assertThat(Flows.number(flow, CID)).isEqualTo(100);
        assertThat(Flows.number(flow, SRC_CID)).isEqualTo(100);
        assertThat(Flows.number(flow, DST_CID)).isEqualTo(200);
        assertThat(Flows.enumValue(flow, REMOTE_ADDR)).isEqualTo(2);
    }

    @Test
    void longestPrefixWinsForIpv6AndHostEntries() {
        CustomerId<SourceRecord> transform = customerId();
        assertThat(Flows.number(apply(transform, "2001:db8:1::9", "2001:db8:2::9", 1), CID)).isEqualTo(301);
        assertThat(Flows.number(apply(transform, "2001:db8:1::9", "2001:db8:2::9", 0), CID)).isEqualTo(300);
        assertThat(Flows.number(apply(transform, "203.0.113.1", "198.51.100.7", 0), CID)).isEqualTo(400);
        assertThat(Flows.number(apply(transform, "203.0.113.1", "198.51.100.8", 0), CID)).isZero();
        assertThat(transform.counter("matched")).isEqualTo(3);
        assertThat(transform.counter("unmatched")).isEqualTo(1);
    }

    @Test
    void sourceFirstModeTakesTheSourcesCustomerThenTheDestinations() {
        CustomerId<SourceRecord> transform = customerId(CustomerId.MODE, "source-first");
        Struct both = apply(transform, "10.1.0.1", "192.0.2.1", 0);
        assertThat(Flows.number(both, CID)).isEqualTo(101);
        assertThat(Flows.enumValue(both, REMOTE_ADDR)).isEqualTo(2);
        Struct dstOnly = apply(transform, "203.0.113.1", "192.0.2.1", 1);
        assertThat(Flows.number(dstOnly, CID)).isEqualTo(200);
        assertThat(Flows.enumValue(dstOnly, REMOTE_ADDR)).isEqualTo(1);
        Struct neither = apply(transform, "203.0.113.1", "203.0.113.2", 1);
        assertThat(Flows.number(neither, CID)).isZero();
        assertThat(Flows.enumValue(neither, REMOTE_ADDR)).isZero();
    }

    @Test
    void membershipModeCallsTrafficBetweenCustomersInternal() {
        CustomerId<SourceRecord> transform = customerId(CustomerId.MODE, "MEMBERSHIP");
        Struct internal = apply(transform, "10.1.0.1", "192.0.2.1", 1);
        assertThat(Flows.number(internal, CID)).isEqualTo(101);
        assertThat(Flows.enumValue(internal, REMOTE_ADDR)).isZero();
        Struct inbound = apply(transform, "203.0.113.1", "192.0.2.1", 1);
        assertThat(Flows.number(inbound, CID)).isEqualTo(200);
        assertThat(Flows.enumValue(inbound, REMOTE_ADDR)).isEqualTo(1);
    }

    @Test
    void unmatchedFlowsAreDroppedWhenConfigured() {
        CustomerId<SourceRecord> transform = customerId(CustomerId.DROP_UNMATCHED, "true");
        assertThat(apply(transform, "203.0.113.1", "203.0.113.2", 0)).isNull();
        assertThat(apply(transform, "203.0.113.1", "10.0.0.1", 0)).isNotNull();
        assertThat(transform.counter("dropped")).isEqualTo(1);
    }

    @Test
    void appliedTwiceGivesTheSameResult() {
        CustomerId<SourceRecord> transform = customerId();
        Struct flow = with(flow("203.0.113.5", "10.1.2.3"), FLOW_DIRECTION, 0);
        SourceRecord record = record(flow);
        transform.apply(record);
        Map<String, String> once = TestFlows.snapshot(flow);
        transform.apply(record);
        assertThat(TestFlows.snapshot(flow)).isEqualTo(once);
    }

    @Test
    void aChangedFileIsSwappedInAndABrokenOneKeepsTheOldTable() throws IOException {
        CustomerId<SourceRecord> transform = customerId();
        TestFiles.rewrite(prefixes, "10.0.0.0/8,900\n".getBytes(StandardCharsets.UTF_8));
        transform.checkForChanges();
        assertThat(Flows.number(apply(transform, "203.0.113.5", "10.1.2.3", 0), CID)).isEqualTo(900);
        assertThat(transform.counter("reloads")).isEqualTo(1);

        TestFiles.rewrite(prefixes, "10.0.0.0/8,901\n10.0.0.0/33,5\n".getBytes(StandardCharsets.UTF_8));
        transform.checkForChanges();
        transform.checkForChanges(); // the same broken version is reported once
        assertThat(Flows.number(apply(transform, "203.0.113.5", "10.1.2.3", 0), CID)).isEqualTo(900);
        assertThat(transform.counter("reload-errors")).isEqualTo(1);
        assertThat(transform.prefixes().size()).isEqualTo(1);
    }

    /**
     * Two tasks of a worker share the loaded table; when one of them reloads, the other must let go
     * of the old table at once, not at its own next check: two full tables live only while the new
     * one is built.
     */
    @Test
    void aReloadSwapsTheNewTableIntoEveryTaskOfTheFileAtOnce() throws IOException {
        CustomerId<SourceRecord> second = new CustomerId<>();
        second.configure(Map.of(CustomerId.PREFIXES_FILE, prefixes.toString(), CustomerId.RELOAD_INTERVAL_MS,
                "3600000")); // its own check would come in an hour
        try {
            CustomerId<SourceRecord> first = customerId();
            assertThat(second.prefixes()).as("loaded once for both").isSameAs(first.prefixes());
            TestFiles.rewrite(prefixes, "10.0.0.0/8,900\n".getBytes(StandardCharsets.UTF_8));
            first.checkForChanges();
            assertThat(second.prefixes()).as("the other task's table after the first one's reload")
                    .isSameAs(first.prefixes());
            assertThat(Flows.number(apply(second, "203.0.113.5", "10.1.2.3", 0), CID)).isEqualTo(900);
            second.checkForChanges(); // its own check counts the reload, loading nothing again
            assertThat(second.prefixes()).isSameAs(first.prefixes());
            assertThat(second.counter("reloads")).isEqualTo(1);
        } finally {
            second.close();
        }
    }

    @Test
    void theValidatorNamesTheKeyTheLineAndWhy() throws IOException {
        Files.writeString(prefixes, "10.0.0.0/8,1\n\n10.0.0.1/8,2\n");
        assertThat(validationError(prefixes.toString())).contains("line 3").contains("host bits set")
                .contains("10.0.0.0/8");
        Files.writeString(prefixes, "10.0.0.0/8,1\n10.0.0.0/8,2\n");
        assertThat(validationError(prefixes.toString())).contains("line 2").contains("listed twice");
        Files.writeString(prefixes, "10.0.0.0/8\n");
        assertThat(validationError(prefixes.toString())).contains("line 1").contains("prefix,cid");
        Files.writeString(prefixes, "2001:db8::/32,0\n");
        assertThat(validationError(prefixes.toString())).contains("line 1").contains("0 means no customer");
        Files.writeString(prefixes, "not-an-address/8,5\n");
        assertThat(validationError(prefixes.toString())).contains("line 1").contains("not an IP prefix");
        assertThat(validationError(tmp.resolve("missing.csv").toString())).contains("not a readable file");
        assertThatThrownBy(() -> customerId()).isInstanceOf(ConfigException.class)
                .hasMessageContaining(CustomerId.PREFIXES_FILE);
    }

    private static String validationError(String file) {
        List<ConfigValue> values = CustomerId.CONFIG_DEF.validate(Map.of(CustomerId.PREFIXES_FILE, file));
        ConfigValue value = values.stream().filter(v -> v.name().equals(CustomerId.PREFIXES_FILE)).findFirst()
                .orElseThrow();
        assertThat(value.errorMessages()).hasSize(1);
        return value.errorMessages().get(0);
    }
}
