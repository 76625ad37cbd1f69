package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.stack.ConnectRestClient;
import org.bwnetflow.connect.stack.ConnectRestException;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.PropertiesFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No secret of ours shows in Connect's REST output, in the worker's log or in an error, on the
 * secure stack (Connect REST behind Kafka's BasicAuthSecurityRestExtension).
 *
 * <p>Every {@code PASSWORD} key of every connector and transform of ours, as the worker itself
 * lists them ({@code GET /connector-plugins/CLASS/config}), gets a secret through the file config
 * provider: the NetFlow source runs all our transforms and real flows, the Influx sink writes to a
 * hostile database that answers 401 echoing the Authorization header it got, the export sink
 * sends to a collector. Then every REST answer about them (config, status, tasks, validate, a
 * validate that fails on a secret, a create that is refused) and the worker's log are searched
 * for each secret's value. The same with the secrets written literally into the configs: then
 * Connect shows them where it returns the config as submitted ({@code GET .../config}, the
 * connector's info), its own behaviour and why the shipped configs and the docs use providers.
 */
@ExtendWith(SecureLocalStack.class)
class ConnectSecretsIT {

    static final long SEED = 22;
    private static final String SOURCE = "org.bwnetflow.connect.netflow.source.NetFlowSourceConnector";
    private static final String INFLUX = "org.bwnetflow.connect.influx.InfluxSinkConnector";
    private static final String EXPORT = "org.bwnetflow.connect.netflow.export.NetFlowExportSinkConnector";
    private static final String ANONYMIZE = "org.bwnetflow.connect.reduce.Anonymize";
    private static final String INTERFACE_NAMES = "org.bwnetflow.connect.enrich.InterfaceNames";

    private static final Random RANDOM = new Random(SEED);
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String PREFIX = "secrets-" + RUN + "-";
    /** Secret values by where they go: "CLASS KEY" for provider secrets, "literal CLASS KEY" for literal ones. */
    private static final Map<String, String> SECRETS = new TreeMap<>();
    private static final List<String> SINK_FAILURES = new ArrayList<>();
    private static final Set<String> TRANSFORMATIONS = new TreeSet<>();
    private static final Map<Boolean, Integer> SOURCE_PORTS = Map.of(false, FreePorts.udp(), true, FreePorts.udp());
    /** Where the SNMP queries go: nothing answers there. */
    private static final int SNMP_PORT = FreePorts.udp();
    private static Map<String, Set<String>> passwordKeys;
    private static Path secretsFile;
    private static HttpServer echoingDatabase;
    private static DatagramSocket collector;

    @BeforeAll
    static void createConnectorsWithSecretsEverywhere() throws Exception {
        System.out.println("ConnectSecretsIT seed " + SEED);
        passwordKeys = passwordKeysOfOurPlugins();
        Map<String, String> fileEntries = new LinkedHashMap<>();
        passwordKeys.forEach((plugin, keys) -> keys.forEach(key -> {
            String value = secretFor(plugin, key);
            SECRETS.put(plugin + " " + key, value);
            SECRETS.put("literal " + plugin + " " + key, secretFor(plugin, key));
            fileEntries.put(plugin + "." + key, value);
        }));
        fileEntries.put("bad.cryptopan.key", "not-a-key-" + hex(12));
        SECRETS.put("bad cryptopan.key", fileEntries.get("bad.cryptopan.key"));
        secretsFile = SecureLocalStack.security().secretsDir().resolve("it-secrets-" + RUN + ".properties");
        PropertiesFile.write(secretsFile, "ConnectSecretsIT", fileEntries);

        echoingDatabase = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echoingDatabase.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"code\":\"unauthorized\",\"message\":\"unauthorized access with "
                    + exchange.getRequestHeaders().getFirst("Authorization") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echoingDatabase.start();
        collector = new DatagramSocket(0, InetAddress.getLoopbackAddress());

        for (boolean literal : new boolean[] {false, true}) {
            create(name("source", literal), source(literal));
            SecureLocalStack.rest().awaitRunning(name("source", literal), LocalStack.timeout());
            sendFlows(SOURCE_PORTS.get(literal));
            create(name("export", literal), exportSink(literal));
            create(name("influx", literal), influxSink(literal, false));
            create(name("influx-basic", literal), influxSink(literal, true));
        }
        for (boolean literal : new boolean[] {false, true}) {
            SecureLocalStack.rest().awaitRunning(name("export", literal), LocalStack.timeout());
            // The hostile database refuses the token (or the password) and echoes it; the task fails naming the key,
            // not the value.
            SINK_FAILURES.add(awaitFailure(name("influx", literal)));
            SINK_FAILURES.add(awaitFailure(name("influx-basic", literal)));
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String connector : List.of("source", "influx", "influx-basic", "export")) {
            for (boolean literal : new boolean[] {false, true}) {
                SecureLocalStack.rest().deleteConnector(name(connector, literal));
            }
        }
        if (echoingDatabase != null) {
            echoingDatabase.stop(0);
        }
        if (collector != null) {
            collector.close();
        }
        Files.deleteIfExists(secretsFile);
    }

    @Test
    void everyPasswordKeyOfOursIsCovered() {
        assertThat(passwordKeys).containsEntry(INFLUX, Set.of("influx.token", "influx.password"))
                .containsEntry(ANONYMIZE, Set.of("cryptopan.key"))
                .containsKey(INTERFACE_NAMES);
        assertThat(passwordKeys.get(INTERFACE_NAMES)).contains("snmp.community");
    }

    @Test
    void theSinkFailsOnTheDatabasesAnswerNamingTheKeyNotTheValue() {
        assertThat(SINK_FAILURES).hasSize(4).allSatisfy(message -> {
            assertThat(message).containsAnyOf("influx.token", "influx.password").contains("[redacted]");
            assertNoSecret(message, "the sink task's failure", true);
        });
    }

    @Test
    void providerSecretsShowInNoRestAnswer() {
        for (String connector : List.of("source", "influx", "influx-basic", "export")) {
            String name = name(connector, false);
            for (String path : List.of("/config", "/status", "/tasks", "")) {
                String answer = SecureLocalStack.rest().get("/connectors/" + name + path).toString();
                assertNoSecret(answer, "GET /connectors/" + name + path, false);
            }
            assertThat(SecureLocalStack.rest().get("/connectors/" + name + "/config").toString())
                    .as("the config holds the reference").contains("${file:" + secretsFile);
        }
        String all = SecureLocalStack.rest().get("/connectors?expand=info&expand=status").toString();
        // expand=info holds every connector's config: the literal ones show there, as in GET .../config.
        assertNoSecret(all, "GET /connectors?expand=info&expand=status", false);
    }

    @Test
    void literalSecretsShowOnlyWhereConnectEchoesTheConfig() {
        for (String connector : List.of("source", "influx", "influx-basic", "export")) {
            String name = name(connector, true);
            String status = SecureLocalStack.rest().get("/connectors/" + name + "/status").toString();
            assertNoSecret(status, "GET /connectors/" + name + "/status", true);
        }
        // Connect returns a connector's config as submitted: a literal secret comes back. This is why every secret in
        // the shipped configs and the docs is a provider reference.
        String config = SecureLocalStack.rest().get("/connectors/" + name("influx", true) + "/config").toString();
        assertThat(config).contains(SECRETS.get("literal " + INFLUX + " influx.token"));
    }

    @Test
    void validateShowsNoSecretNotEvenWhenASecretIsWrong() {
        for (boolean literal : new boolean[] {false, true}) {
            for (Map<String, String> config : List.of(source(literal), influxSink(literal, false), influxSink(literal, true),
                    exportSink(literal))) {
                config.put("name", "secrets-validate-" + RUN);
                JsonNode result = SecureLocalStack.rest().validate(config.get("connector.class"), config);
                assertThat(result.get("error_count").asInt()).as("%s: %s", config.get("connector.class"), errors(result))
                        .isZero();
                assertNoSecret(result.toString(), "validate " + config.get("connector.class"), true);
            }
        }
        Map<String, String> wrongKey = source(false);
        wrongKey.put("transforms.anonymize.cryptopan.key", "${file:" + secretsFile + ":bad.cryptopan.key}");
        Map<String, String> wrongLiteralKey = source(true);
        wrongLiteralKey.put("transforms.anonymize.cryptopan.key", SECRETS.get("bad cryptopan.key"));
        for (Map<String, String> config : List.of(wrongKey, wrongLiteralKey)) {
            config.put("name", "secrets-validate-" + RUN);
            JsonNode result = SecureLocalStack.rest().validate(SOURCE, config);
            assertThat(result.get("error_count").asInt()).isEqualTo(1);
            // Our validator's message names the format; Kafka 4.4 replaces it by its own where a provider gave the value.
            String expected = config == wrongKey ? "value resolved from the config provider reference failed validation"
                    : "64 hex digits";
            assertThat(errors(result)).containsOnlyKeys("transforms.anonymize.cryptopan.key")
                    .allSatisfy((key, messages) -> assertThat(messages).contains(expected));
            assertNoSecret(result.toString(), "a failing validate", true);

            assertThatThrownBy(() -> SecureLocalStack.rest().createOrReplaceConnector("secrets-refused-" + RUN, config))
                    .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertNoSecret(e.getMessage(), "a refused create", true);
                    });
        }
    }

    @Test
    void theWorkersLogHoldsNoSecret() throws Exception {
        String log = Files.readString(SecureLocalStack.worker().logFile());
        assertThat(log).as("the log has the sink's failure").contains(name("influx", false)).contains("influx.token");
        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
            assertThat(log).as("worker log: %s", secret.getKey()).doesNotContain(secret.getValue());
        }
    }

    @Test
    void restWithoutTheOperatorsLoginGets401() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/connectors", "/connectors/" + name("influx", false) + "/config",
                "/connectors/" + name("influx", true) + "/config")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(SecureLocalStack.worker().restUrl()
                    + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertNoSecret(answer.body(), "401 answer", true);
        }
        assertThatThrownBy(() -> new ConnectRestClient(SecureLocalStack.worker().restUrl()).listConnectors())
                .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    // ---- the connectors ----

    /** The shipped NetFlow source with every transform of ours, each PASSWORD key set. */
    private static Map<String, String> source(boolean literal) {
        Map<String, String> config = ShippedConnector.read("netflow-source.json");
        config.put("listen.port", Integer.toString(SOURCE_PORTS.get(literal)));
        config.put("transforms.router.topic.prefix", PREFIX + (literal ? "l-" : "p-"));
        config.put("transforms.router.unassigned.topic", PREFIX + (literal ? "l-" : "p-") + "unassigned");
        config.put("transforms.anonymize.method", "cryptopan");
        // SNMP queries go to a port where nothing answers: the community travels, nothing comes back.
        config.put("transforms.ifnames.snmp.port", Integer.toString(SNMP_PORT));
        config.put("transforms.ifnames.snmp.timeout.ms", "100");
        Set<String> covered = new TreeSet<>();
        for (String alias : config.get("transforms").split(",")) {
            String plugin = config.get("transforms." + alias + ".type");
            for (String key : passwordKeys.getOrDefault(plugin, Set.of())) {
                config.put("transforms." + alias + "." + key, secret(plugin, key, literal));
            }
            covered.add(plugin);
        }
        // A transform of ours that the shipped chain lacks still gets its secrets, at the end of the chain.
        int extra = 0;
        for (Map.Entry<String, Set<String>> plugin : passwordKeys.entrySet()) {
            if (TRANSFORMATIONS.contains(plugin.getKey()) && !covered.contains(plugin.getKey())) {
                String alias = "extra" + extra++;
                config.put("transforms", config.get("transforms") + "," + alias);
                config.put("transforms." + alias + ".type", plugin.getKey());
                plugin.getValue().forEach(key -> config.put("transforms." + alias + "." + key,
                        secret(plugin.getKey(), key, literal)));
            }
        }
        putConnectorSecrets(config, SOURCE, literal);
        return config;
    }

    /** The shipped sink against the hostile database, with the token or (basic) with a user and password. */
    private static Map<String, String> influxSink(boolean literal, boolean basic) {
        Map<String, String> config = ShippedConnector.read("influx/influx-sink.json");
        config.remove("influx.username");
        config.remove("influx.password");
        config.remove("influx.token");
        config.put("topics.regex", java.util.regex.Pattern.quote(PREFIX + (literal ? "l-" : "p-")) + ".*");
        config.put("influx.url", "http://127.0.0.1:" + echoingDatabase.getAddress().getPort());
        config.put("influx.org", "secrets");
        config.put("errors.tolerance", "none");
        config.remove("errors.deadletterqueue.topic.name");
        config.remove("errors.deadletterqueue.topic.replication.factor");
        config.remove("errors.deadletterqueue.context.headers.enable");
        config.put("window.size.ms", "1000");
        if (basic) {
            config.put("influx.username", "it-user");
            config.put("influx.password", secret(INFLUX, "influx.password", literal));
        } else {
            config.put("influx.token", secret(INFLUX, "influx.token", literal));
        }
        return config;
    }

    private static Map<String, String> exportSink(boolean literal) {
        Map<String, String> config = ShippedConnector.read("export/netflow-export-1000.json");
        config.remove("topics");
        config.put("topics.regex", java.util.regex.Pattern.quote(PREFIX + (literal ? "l-" : "p-")) + ".*");
        config.put("collectors", "127.0.0.1:" + collector.getLocalPort());
        config.put("transforms", "anonymize");
        config.put("transforms.anonymize.type", ANONYMIZE);
        config.put("transforms.anonymize.method", "cryptopan");
        passwordKeys.get(ANONYMIZE).forEach(key -> config.put("transforms.anonymize." + key,
                secret(ANONYMIZE, key, literal)));
        putConnectorSecrets(config, EXPORT, literal);
        return config;
    }

    private static void putConnectorSecrets(Map<String, String> config, String connectorClass, boolean literal) {
        passwordKeys.getOrDefault(connectorClass, Set.of()).forEach(key -> config.put(key,
                secret(connectorClass, key, literal)));
    }

    // ---- helpers ----

    /** Every PASSWORD key of every connector and transform of ours, as the worker lists them. */
    private static Map<String, Set<String>> passwordKeysOfOurPlugins() {
        Map<String, Set<String>> keys = new TreeMap<>();
        for (JsonNode plugin : SecureLocalStack.rest().get("/connector-plugins?connectorsOnly=false")) {
            String className = plugin.get("class").asText();
            String type = plugin.get("type").asText();
            if (!className.startsWith("org.bwnetflow.") || !Set.of("source", "sink", "transformation").contains(type)) {
                continue;
            }
            if (type.equals("transformation")) {
                TRANSFORMATIONS.add(className);
            }
            for (JsonNode key : SecureLocalStack.rest().get("/connector-plugins/" + className + "/config")) {
                if ("PASSWORD".equals(key.get("type").asText())) {
                    keys.computeIfAbsent(className, c -> new TreeSet<>()).add(key.get("name").asText());
                }
            }
        }
        return keys;
    }

    /** A provider reference or the literal value. */
    private static String secret(String plugin, String key, boolean literal) {
        return literal ? SECRETS.get("literal " + plugin + " " + key) : "${file:" + secretsFile + ":" + plugin + "." + key + "}";
    }

    /** A value the plugin accepts (a Crypto-PAn key is 64 hex digits), unique and easy to find. */
    private static String secretFor(String plugin, String key) {
        return "cryptopan.key".equals(key) ? hex(32) : "s3cret-" + key.replace('.', '-') + "-" + hex(12);
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void assertNoSecret(String text, String where, boolean includingLiterals) {
        for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
            if (includingLiterals || !secret.getKey().startsWith("literal ")) {
                assertThat(text).as("%s: %s", where, secret.getKey()).doesNotContain(secret.getValue());
            }
        }
    }

    private static String name(String connector, boolean literal) {
        return PREFIX + connector + (literal ? "-literal" : "-provider");
    }

    private static void create(String name, Map<String, String> config) {
        SecureLocalStack.rest().createOrReplaceConnector(name, config);
    }

    /** The keys with errors in a validate answer, and their messages. */
    private static Map<String, String> errors(JsonNode result) {
        Map<String, String> errors = new TreeMap<>();
        for (JsonNode value : result.get("configs")) {
            JsonNode messages = value.get("value").get("errors");
            if (!messages.isEmpty()) {
                errors.put(value.get("value").get("name").asText(), messages.toString());
            }
        }
        return errors;
    }

    /** The failure trace of the connector or a task, once there is one. */
    private static String awaitFailure(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Optional<String> failure = SecureLocalStack.rest().connectorStatus(name).failure();
            if (failure.isPresent()) {
                return failure.get();
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError(name + " did not fail within 120 s: " + SecureLocalStack.rest().connectorStatus(name)
                .summary());
    }

    private static void sendFlows(int port) throws Exception {
        FlowCtlRun generated = FlowCtlRun.run("generate", "--target", "127.0.0.1:" + port, "--rate", "500",
                "--count", "96", "--exporters", "2", "--seed", Long.toString(SEED));
        assertThat(generated.exitCode).as(generated.err).isZero();
        TimeUnit.MILLISECONDS.sleep(200);
    }

}
