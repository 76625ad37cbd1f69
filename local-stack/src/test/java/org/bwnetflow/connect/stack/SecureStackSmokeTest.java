package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The secure mode for real: a SASL_SSL/SCRAM broker with the StandardAuthorizer and a worker that
 * logs in as the operator over TLS. Checks that the operator can work, that nobody else gets in (to the
 * broker or to Connect's REST API), that nobody gets in without TLS, that clients check the broker's
 * certificate and its name, and that no password is on a command line or in a log.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SecureStackSmokeTest {


    @Test
    void operatorWorksOthersAreRefusedPasswordStaysInItsFiles() throws Exception {
        Path base = Path.of("target", "secure-stack-smoke", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        Path emptyPluginDir = Files.createDirectories(base.resolve("plugins"));
        StackSecurity security = StackSecurity.prepare(base.resolve("secrets"));
        String password = Files.readString(security.passwordFile()).strip();
        List<Integer> ports = FreePorts.tcp(3);

        KafkaBroker broker = KafkaBroker.start(BrokerSettings.of(base.resolve("kafka"), ports.get(0), ports.get(1))
                .withSecurity(security));
        ConnectWorker worker = null;
        try {
            assertThat(commandLineOf(broker.pid())).doesNotContain(password).doesNotContain(secret(security,
                    StackTls.BROKER_PASSWORD_FILE)).doesNotContain(secret(security, StackTls.TRUSTSTORE_PASSWORD_FILE));
            try (Admin admin = Admin.create(broker.clientConfig())) {
                admin.createTopics(List.of(new NewTopic("secure-smoke", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }

            worker = ConnectWorker.start(WorkerSettings.of(base.resolve("connect"), broker.bootstrapServers(), ports.get(2),
                    List.of(emptyPluginDir), Map.of()).withSecurity(security));
            assertThat(worker.rest().listConnectors()).isEmpty();
            assertThat(commandLineOf(worker.pid())).doesNotContain(password).doesNotContain(restPassword(security));
            assertRestRefusesAllButTheOperator(worker.restUrl(), security);
            try (Admin admin = Admin.create(broker.clientConfig())) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                        .contains("secure-smoke", WorkerSettings.CONFIG_TOPIC, WorkerSettings.STATUS_TOPIC);
            }

            assertRefused(broker.bootstrapServers(), Map.of(), "no credentials");
            Map<String, Object> wrong = new HashMap<>(security.clientProperties());
            wrong.put("sasl.jaas.config", StackSecurity.scramJaas(StackSecurity.OPERATOR, password + "x"));
            assertRefused(broker.bootstrapServers(), wrong, "a wrong password");
            Map<String, Object> plaintext = new HashMap<>(security.clientProperties());
            plaintext.put("security.protocol", "SASL_PLAINTEXT");
            assertRefused(broker.bootstrapServers(), plaintext, "the operator's login without TLS (SASL_PLAINTEXT)");
            assertClientsCheckTheBrokersCertificate(broker, security, base);
        } finally {
            if (worker != null) {
                worker.stop();
            }
            broker.stop();
        }

        for (Path secret : List.of(security.passwordFile(), security.clientConfigFile(),
                broker.settings().serverPropertiesFile(), worker.settings().workerPropertiesFile(),
                security.rest().passwordFile(), security.rest().usersFile(), security.rest().jaasFile(),
                security.rest().netrcFile(), security.tls().caKeystoreFile(), security.tls().brokerKeystoreFile(),
                security.tls().truststoreFile(), security.tls().truststorePasswordFile(),
                security.tls().caCertificateFile())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as("mode of %s", secret)
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security.secretsDir())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(broker.logFile())).doesNotContain(password).contains("SASL_SSL")
                .doesNotContain(secret(security, StackTls.BROKER_PASSWORD_FILE));
        assertThat(Files.readString(worker.settings().logFile())).doesNotContain(password)
                .doesNotContain(restPassword(security)).doesNotContain(secret(security, StackTls.TRUSTSTORE_PASSWORD_FILE));
    }

    /**
     * The operator's own login is refused unless the client trusts the stack's CA and connects by a name the
     * broker's certificate holds: a truststore of another home's CA, the JVM's default authorities, and the
     * right truststore through an address not in the certificate (127.0.0.2, forwarded to the broker) all fail
     * the TLS handshake. The same forwarded address with hostname verification switched off gets through, so it
     * is the name check that refuses it.
     */
    private static void assertClientsCheckTheBrokersCertificate(KafkaBroker broker, StackSecurity security, Path base)
            throws Exception {
        StackTls otherHome = StackTls.prepare(base.resolve("another-home-secrets"));
        Map<String, Object> foreignCa = new HashMap<>(security.clientProperties());
        foreignCa.putAll(otherHome.clientProperties());
        assertHandshakeFails(broker.bootstrapServers(), foreignCa, "a truststore of another CA", "PKIX path");

        Map<String, Object> jvmDefault = new HashMap<>(security.clientProperties());
        jvmDefault.keySet().removeIf(key -> key.startsWith("ssl.truststore."));
        assertHandshakeFails(broker.bootstrapServers(), jvmDefault, "the JVM's own authorities", "PKIX path");

        try (TcpForwarder other = new TcpForwarder("127.0.0.2", new InetSocketAddress(BrokerSettings.HOST,
                broker.settings().port()))) {
            assertHandshakeFails(other.address(), new HashMap<>(security.clientProperties()),
                    "an address the certificate does not name", "127.0.0.2");

            Map<String, Object> unchecked = new HashMap<>(security.clientProperties());
            unchecked.put("ssl.endpoint.identification.algorithm", "");
            unchecked.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, other.address());
            try (Admin admin = Admin.create(unchecked)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).as("the forwarder itself works")
                        .contains("secure-smoke");
            }
        }
    }

    private static void assertHandshakeFails(String bootstrap, Map<String, Object> security, String what, String why) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 8000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS)).as("a client with %s", what)
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> {
                        assertThat(e.getCause()).isInstanceOf(SslAuthenticationException.class);
                        assertThat(causeMessages(e)).as("why the handshake failed").contains(why);
                    });
        }
    }

    private static String causeMessages(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            text.append(cause.getMessage()).append(" | ");
        }
        return text.toString();
    }

    private static String secret(StackSecurity security, String file) throws Exception {
        return Files.readString(security.secretsDir().resolve(file)).strip();
    }

    /**
     * Connect's REST API answers only the operator: every request without credentials, or with a
     * wrong password or user, gets 401, also those that would change something.
     */
    private static void assertRestRefusesAllButTheOperator(URI rest, StackSecurity security) throws Exception {
        String right = basic(StackSecurity.OPERATOR, restPassword(security));
        for (String path : List.of("/", "/connectors", "/connector-plugins", "/admin/loggers")) {
            assertThat(status(rest, "GET", path, null, null)).as("GET %s without credentials", path).isEqualTo(401);
            assertThat(status(rest, "GET", path, null, basic(StackSecurity.OPERATOR, restPassword(security) + "x")))
                    .as("GET %s with a wrong password", path).isEqualTo(401);
            assertThat(status(rest, "GET", path, null, basic("admin", restPassword(security))))
                    .as("GET %s as another user", path).isEqualTo(401);
            assertThat(status(rest, "GET", path, null, right)).as("GET %s as the operator", path).isEqualTo(200);
        }
        String config = "{\"connector.class\": \"org.example.Nothing\"}";
        assertThat(status(rest, "PUT", "/connectors/intruder/config", config, null)).isEqualTo(401);
        assertThat(status(rest, "PUT", "/connector-plugins/org.example.Nothing/config/validate", config, null))
                .isEqualTo(401);
        assertThat(status(rest, "GET", "/connectors/intruder", null, right)).as("nothing was created").isEqualTo(404);
        assertThatThrownBy(() -> new ConnectRestClient(rest).listConnectors()).isInstanceOf(ConnectRestException.class)
                .satisfies(e -> assertThat(((ConnectRestException) e).status()).isEqualTo(401));
    }

    private static int status(URI rest, String method, String path, String body, String authorization)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        // A client per probe, as each caller of an attacker's is: the worker may close a connection after refusing a
        // request with a body, and a pooled client would send the next probe on it and read EOF (ci18).
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String restPassword(StackSecurity security) throws Exception {
        return Files.readString(security.rest().passwordFile()).strip();
    }

    /**
     * Without the operator's credentials the broker answers nothing: a wrong password fails
     * authentication, a client that does not speak SASL is disconnected until its call times out.
     */
    private static void assertRefused(String bootstrap, Map<String, Object> security, String what) {
        Map<String, Object> config = new HashMap<>(security);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        try (Admin admin = Admin.create(config)) {
            assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS)).as("a client with %s", what)
                    .isInstanceOf(ExecutionException.class)
                    .satisfies(e -> assertThat(e.getCause()).isInstanceOfAny(SaslAuthenticationException.class,
                            TimeoutException.class));
        }
    }

    private static String commandLineOf(long pid) throws Exception {
        return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
    }
}
