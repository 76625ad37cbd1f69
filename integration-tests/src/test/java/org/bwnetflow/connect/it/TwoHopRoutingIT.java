package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.CID;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.stack.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The optional bwNetFlow-style topology ("The two-hop topology" in docs/architecture.md), from the
 * shipped configs in connect-configs/connectors/two-hop/: the source writes every enriched flow to one topic, and
 * Kafka's MirrorSourceConnector (same cluster, identity replication) carries it on as raw
 * protobuf bytes (ByteArrayConverter) through TenantRouter, which reads only the Cid field.
 *
 * <p>Runs on the secure stack: the mirror connector's own clients log in over TLS (SASL_SSL) with
 * {@code ${file:...}} references to the operator's client config (its SCRAM login and truststore),
 * so its config holds no password and Connect's REST output shows only the reference. The router's topic prefix is
 * changed to {@code hop-flows-} here so that this test leaves the tenant topics of
 * {@link TenantIsolationIT} alone.
 */
@ExtendWith(SecureLocalStack.class)
class TwoHopRoutingIT {

    private static final int SEED = 31;
    private static final int EXPORTERS = 3;
    private static final int FLOWS = 576;

    @Test
    void theMirrorHopRoutesRawProtobufByCid() throws Exception {
        int port = FreePorts.udp();
        Map<String, String> source = ShippedConnector.read("two-hop/netflow-source-enriched.json");
        source.put("listen.port", Integer.toString(port));
        String enrichedTopic = source.get("topic");

        Map<String, String> hop = ShippedConnector.read("two-hop/tenant-split.json");
        assertThat(hop.get("topics")).isEqualTo(enrichedTopic);
        String bootstrap = SecureLocalStack.broker().bootstrapServers();
        String operator = "${file:" + SecureLocalStack.security().clientConfigFile() + ":";
        for (String cluster : List.of("source.cluster.", "target.cluster.")) {
            hop.put(cluster + "bootstrap.servers", bootstrap);
            hop.put(cluster + "security.protocol", "SASL_SSL");
            hop.put(cluster + "sasl.mechanism", "SCRAM-SHA-512");
            hop.put(cluster + "sasl.jaas.config", operator + "sasl.jaas.config}");
            // TLS: the mirror's own clients check the broker against the stack's truststore, named by reference too.
            hop.put(cluster + "ssl.truststore.type", "PKCS12");
            hop.put(cluster + "ssl.truststore.location", operator + "ssl.truststore.location}");
            hop.put(cluster + "ssl.truststore.password", operator + "ssl.truststore.password}");
        }
        hop.put("transforms.router.topic.prefix", "hop-flows-");
        hop.put("transforms.router.unassigned.topic", "hop-flows-unassigned");

        // MirrorSourceConnector makes tasks for the partitions that exist when it starts (then every refresh):
        // the enriched topic is created first, as docs/architecture.md says operators do.
        try (Admin admin = Admin.create(SecureLocalStack.operatorClientConfig())) {
            admin.createTopics(List.of(new NewTopic(enrichedTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        SecureLocalStack.rest().createOrReplaceConnector("hop-source", source);
        SecureLocalStack.rest().awaitRunning("hop-source", LocalStack.timeout());
        SecureLocalStack.rest().createOrReplaceConnector("tenant-split", hop);
        SecureLocalStack.rest().awaitRunning("tenant-split", LocalStack.timeout());

        FlowCtlRun generated = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + port, "--rate", "3000",
                "--count", Integer.toString(FLOWS), "--exporters", Integer.toString(EXPORTERS), "--seed",
                Integer.toString(SEED));
        assertThat(generated.exitCode).as(generated.err).isZero();

        for (int cid : List.of(1000, 1001, 1100, 1200)) {
            int expected = ExpectedFlows.count(SEED, EXPORTERS, FLOWS, cid);
            try (FlowTopic topic = new FlowTopic(SecureLocalStack.operatorClientConfig(), "it-" + UUID.randomUUID(),
                    "hop-flows-" + cid)) {
                List<Struct> flows = topic.awaitFlows(expected, LocalStack.timeout());
                assertThat(flows).as("hop-flows-%d", cid).allSatisfy(f -> assertThat(Flows.number(f, CID)).isEqualTo(cid));
                assertThat(ExpectedFlows.keys(flows)).as("hop-flows-%d in count and content", cid)
                        .containsExactlyInAnyOrderElementsOf(ExpectedFlows.of(SEED, EXPORTERS, FLOWS, cid, false));
            }
        }

        String password = Files.readString(SecureLocalStack.security().passwordFile()).strip();
        String truststorePassword = Files.readString(SecureLocalStack.security().tls().truststorePasswordFile()).strip();
        String shown = SecureLocalStack.rest().get("/connectors/tenant-split/config").toString();
        assertThat(shown).contains("${file:").doesNotContain(password).doesNotContain(truststorePassword);
        assertThat(SecureLocalStack.rest().get("/connectors?expand=info").toString()).doesNotContain(password)
                .doesNotContain(truststorePassword);
        assertThat(Files.readString(SecureLocalStack.worker().logFile())).doesNotContain(password)
                .doesNotContain(truststorePassword);

        SecureLocalStack.rest().deleteConnector("tenant-split");
        SecureLocalStack.rest().deleteConnector("hop-source");
    }
}
