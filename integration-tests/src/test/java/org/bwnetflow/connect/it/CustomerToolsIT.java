package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The customer tools as a customer runs them, on the secure stack: a tenant provisioned with
 * {@code flowctl tenants add} logs in with its own SCRAM user and reads {@code flows-.*}.
 * {@code flowctl bogons} shows exactly the bogon flows of its own topic, with the right reasons;
 * {@code flowctl sqlite} dumps exactly its own flows and resumes where its file says. Another
 * tenant's flows never appear.
 */
@ExtendWith(SecureLocalStack.class)
class CustomerToolsIT {

    private static final int TENANT = 1700;
    private static final int OTHER = 1800;
    private static Path passwordFile;
    /** Source port of each flow of TENANT that is a bogon, with the reason that must be given. */
    private static final Map<Long, String> EXPECTED = new HashMap<>();
    private static int tenantFlows;

    @BeforeAll
    static void provisionAndProduce() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "bogons", UUID.randomUUID().toString()));
        for (int cid : List.of(TENANT, OTHER)) {
            Path password = work.resolve(cid + ".pw");
            Files.writeString(password, "pw-" + cid + "-" + UUID.randomUUID());
            if (cid == TENANT) {
                passwordFile = password;
            }
            FlowCtlRun added = FlowCtlRun.run("tenants", "add", Integer.toString(cid), "--password-file",
                    password.toString(), "--partitions", "1", "--bootstrap-server",
                    SecureLocalStack.broker().bootstrapServers(), "--command-config",
                    SecureLocalStack.security().clientConfigFile().toString());
            assertThat(added.exitCode).as(added.err).isZero();
        }
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        String[][] flows = {
            // source, destination, src AS, dst AS, expected reason (null: routable)
            {"8.8.8.8", "1.1.1.1", "15169", "13335", null},
            {"10.0.0.1", "8.8.8.8", "0", "15169", "source Private-Use"},
            {"8.8.8.8", "192.168.1.1", "15169", "0", "destination Private-Use"},
            {"2a00:1450::1", "2001:db8::1", "15169", "0", "destination Documentation"},
            {"2a00:1450::1", "2606:4700::1", "15169", "13335", null},
            {"9.9.9.9", "1.0.0.1", "64512", "13335", "source AS64512-65534 Private Use"},
            {"fe80::1", "ff02::1", "0", "0", "source Link-Local Unicast"},
            {"192.0.0.9", "8.8.4.4", "0", "0", null}, // PCP anycast is globally reachable
        };
        for (int i = 0; i < flows.length; i++) {
            String[] f = flows[i];
            Struct flow = TestFlows.flow(f[0], f[1]);
            Flows.setNumber(flow, FlowField.SRC_AS, Long.parseLong(f[2]));
            Flows.setNumber(flow, FlowField.DST_AS, Long.parseLong(f[3]));
            Flows.setNumber(flow, FlowField.SRC_PORT, 40_000 + i);
            Flows.setNumber(flow, FlowField.CID, TENANT);
            records.add(new ProducerRecord<>("flows-" + TENANT, FlowMessageCodec.encode(flow)));
            if (f[4] != null) {
                EXPECTED.put(40_000L + i, f[4]);
            }
        }
        tenantFlows = flows.length;
        for (int i = 0; i < 5; i++) { // the other tenant's flows are all bogons: none may show up
            Struct flow = TestFlows.flow("10.9.9." + (i + 1), "192.168.9.9");
            Flows.setNumber(flow, FlowField.CID, OTHER);
            records.add(new ProducerRecord<>("flows-" + OTHER, FlowMessageCodec.encode(flow)));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(SecureLocalStack.operatorClientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    @Test
    void aTenantSeesExactlyItsOwnBogonsWithTheirReasons() {
        FlowCtlRun run = bogons("--format", "json");
        Map<Long, String> seen = new HashMap<>();
        for (JsonNode flow : run.jsonLines()) {
            assertThat(flow.get("Cid").asLong()).as("only the tenant's own flows").isEqualTo(TENANT);
            List<String> reasons = new ArrayList<>();
            flow.get("reasons").forEach(r -> reasons.add(r.asText()));
            seen.put(flow.get("SrcPort").asLong(), String.join("; ", reasons));
        }
        assertThat(seen).hasSameSizeAs(EXPECTED);
        EXPECTED.forEach((port, reason) -> assertThat(seen.get(port)).as("reasons of flow " + port).startsWith(reason));
        assertThat(run.err).contains("flowctl bogons: " + EXPECTED.size() + " of " + tenantFlows + " flows");
    }

    @Test
    void theSummaryCountsPerExporterInterfaceAndPeer() {
        FlowCtlRun run = bogons("--summary");
        String[] lines = run.out.strip().split("\n");
        assertThat(lines[0]).startsWith("flows\texporter");
        long total = 0;
        for (int i = 1; i < lines.length; i++) {
            total += Long.parseLong(lines[i].substring(0, lines[i].indexOf('\t')));
        }
        assertThat(total).isEqualTo(EXPECTED.size());
    }

    @Test
    void sqliteDumpsTheTenantsFlowsAndAGroupResumes() throws Exception {
        Path file = passwordFile.resolveSibling("flows-" + UUID.randomUUID() + ".db");
        String group = TENANT + "-sqlite-" + UUID.randomUUID();
        FlowCtlRun first = sqlite(file, group, "--max", "5", "--timeout", "60");
        assertThat(first.out).contains("5 flows written");
        FlowCtlRun second = sqlite(file, group, "--timeout", "8");
        assertThat(second.out).contains((tenantFlows - 5) + " flows written");

        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = db.createStatement()) {
            ResultSet rows = sql.executeQuery("SELECT count(*), count(DISTINCT srcport), min(srcport), max(srcport) "
                    + "FROM flows");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getLong(1)).as("rows").isEqualTo(tenantFlows);
            assertThat(rows.getLong(2)).as("each flow once").isEqualTo(tenantFlows);
            assertThat(rows.getLong(3)).isEqualTo(40_000);
            assertThat(rows.getLong(4)).as("only the tenant's flows").isEqualTo(40_000 + tenantFlows - 1);
            ResultSet v6 = sql.executeQuery("SELECT dstaddr FROM flows WHERE srcaddr = '2a00:1450::1' ORDER BY srcport");
            List<String> destinations = new ArrayList<>();
            while (v6.next()) {
                destinations.add(v6.getString(1));
            }
            assertThat(destinations).as("addresses as text").containsExactly("2001:db8::1", "2606:4700::1");
            ResultSet offsets = sql.executeQuery("SELECT topic, partition, next_offset FROM flowctl_offsets");
            assertThat(offsets.next()).isTrue();
            assertThat(offsets.getString(1) + "-" + offsets.getInt(2) + " at " + offsets.getLong(3))
                    .as("the offsets kept with the rows: the tenant's one partition, after its last flow")
                    .isEqualTo("flows-" + TENANT + "-0 at " + tenantFlows);
            assertThat(offsets.next()).isFalse();
            ResultSet indexes = sql.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index' "
                    + "AND tbl_name = 'flows' ORDER BY name");
            List<String> names = new ArrayList<>();
            while (indexes.next()) {
                names.add(indexes.getString(1));
            }
            assertThat(names).containsExactly("flows_dstaddr", "flows_srcaddr", "flows_timeflowstart");
        }
    }

    private static FlowCtlRun sqlite(Path file, String group, String... more) {
        List<String> args = new ArrayList<>(List.of("sqlite", file.toString(), "flows-.*", "--pattern",
                "--from-beginning", "--group", group, "--bootstrap", SecureLocalStack.broker().bootstrapServers(),
                "--sasl-user", "tenant-" + TENANT, "--password-file", passwordFile.toString(), "--truststore",
                SecureLocalStack.caCertificate().toString()));
        args.addAll(List.of(more));
        FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode).as(run.err).isZero();
        return run;
    }

    private static FlowCtlRun bogons(String... more) {
        List<String> args = new ArrayList<>(List.of("bogons", "flows-.*", "--pattern", "--from-beginning",
                "--bootstrap", SecureLocalStack.broker().bootstrapServers(), "--sasl-user", "tenant-" + TENANT,
                "--password-file", passwordFile.toString(), "--truststore", SecureLocalStack.caCertificate().toString(),
                "--max", Integer.toString(tenantFlows), "--timeout", "60"));
        args.addAll(List.of(more));
        FlowCtlRun run = FlowCtlRun.run(args.toArray(String[]::new));
        assertThat(run.exitCode).as(run.err).isZero();
        return run;
    }
}
