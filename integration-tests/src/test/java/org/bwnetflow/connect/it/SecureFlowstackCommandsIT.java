package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.stack.FlowStack;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.PropertiesFile;
import org.bwnetflow.connect.stack.RestSecurity;
import org.bwnetflow.connect.stack.StackLayout;
import org.bwnetflow.connect.stack.StackProcess;
import org.bwnetflow.connect.stack.StackTls;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code flowstack up --secure}, {@code status} and {@code down} on a home of their own, as an
 * operator runs them: the broker serves SASL_SSL only, with a CA made for the home on the first
 * {@code up} and reused by the next; every command that talks to Connect's REST API logs in as the operator
 * (up submits a connector of ours and waits for it, status lists it; two workers forward to their
 * leader with the caller's login), while a request without that login, or with a wrong password,
 * gets 401. The login in {@code secrets/connect-rest.netrc}
 * (for curl) works.
 */
class SecureFlowstackCommandsIT {

    private static final String CONNECTOR = "secure-cli-source";

    @Test
    void everyCommandLogsInToRestWhichRefusesEveryoneElse() throws Exception {
        Path home = Paths.get(System.getProperty("bwnetflow.work.dir", "target/it-stack"))
                .resolve("secure-flowstack-" + System.currentTimeMillis()).toAbsolutePath();
        Files.createDirectories(home);
        List<Integer> ports = FreePorts.tcpWithNextFree(3); // worker 2 listens on the port after the REST port
        Map<String, String> config = ShippedConnector.read("netflow-source.json");
        config.put("listen.port", Integer.toString(FreePorts.udp()));
        Path connector = home.resolveSibling(home.getFileName() + "-connector.json");
        new ObjectMapper().writeValue(connector.toFile(), Map.of("name", CONNECTOR, "config", config));
        URI rest = URI.create("http://127.0.0.1:" + ports.get(2));
        try {
            Run up = run("up", "--secure", "--home", home.toString(), "--broker-port", ports.get(0).toString(),
                    "--controller-port", ports.get(1).toString(), "--rest-port", ports.get(2).toString(), "--workers", "2", "--no-tsdb",
                    "--plugin-path", LocalStack.pluginsDir().toString(), "--connector", connector.toString());
            assertThat(up.exit).as(up.text()).isZero();
            assertThat(up.out).contains("connector " + CONNECTOR + ": RUNNING, tasks 1/1 RUNNING")
                    .contains(RestSecurity.NETRC_FILE)
                    .contains("secure mode: SASL_SSL/SCRAM-SHA-512")
                    .contains("TLS: the broker's certificate (for localhost and 127.0.0.1) is signed by this home's own CA")
                    .contains(home.resolve("secrets").resolve(StackTls.CA_CERTIFICATE).toString())
                    .contains("a NEW certificate authority was made");
            Map<String, String> server = PropertiesFile.read(new StackLayout(home).kafkaDir().resolve("server.properties"));
            assertThat(server.get("listener.security.protocol.map")).as("no listener without TLS")
                    .isEqualTo("SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL");

            Run status = run("status", "--home", home.toString());
            assertThat(status.exit).as(status.text()).isZero();
            assertThat(status.out).contains("connector " + CONNECTOR + ": RUNNING, tasks 1/1 RUNNING");

            // Again: everything runs already, the connector is replaced, through the same login.
            Run again = run("up", "--secure", "--home", home.toString(), "--no-tsdb", "--connector", connector.toString());
            assertThat(again.exit).as(again.text()).isZero();
            assertThat(again.out).contains("connector " + CONNECTOR + ": RUNNING")
                    .as("the second up reuses the home's CA and broker certificate").contains("TLS: ")
                    .doesNotContain("NEW certificate authority").doesNotContain("renewed");

            String password = netrcPassword(home.resolve("secrets").resolve(RestSecurity.NETRC_FILE));
            assertThat(get(rest, "/connectors", null)).isEqualTo(401);
            assertThat(get(rest, "/connectors/" + CONNECTOR + "/config", null)).isEqualTo(401);
            assertThat(get(rest, "/connectors", basic(RestSecurity.USER, password + "x"))).isEqualTo(401);
            assertThat(get(rest, "/connectors", basic(RestSecurity.USER, password))).isEqualTo(200);
            // Worker 2 answers with the login too, forwarding what only the leader may do with the caller's login.
            URI second = URI.create("http://127.0.0.1:" + (ports.get(2) + 1));
            String body = new ObjectMapper().writeValueAsString(config);
            assertThat(put(second, "/connectors/" + CONNECTOR + "/config", body, null)).isEqualTo(401);
            assertThat(put(second, "/connectors/" + CONNECTOR + "/config", body, basic(RestSecurity.USER, password)))
                    .isEqualTo(200);
            long workerPid = StackProcess.readPid(new StackLayout(home).workerPidFile(1)).orElseThrow();
            assertThat(Files.readString(Path.of("/proc", Long.toString(workerPid), "cmdline"))).doesNotContain(password);
            assertThat(up.text() + status.text() + again.text()).doesNotContain(password);
        } finally {
            Run down = run("down", "--home", home.toString());
            assertThat(down.exit).as(down.text()).isZero();
            assertThat(down.out).contains("connect-2: stopped").contains("connect: stopped").contains("broker: stopped");
        }
    }

    private record Run(int exit, String out, String err) {
        String text() {
            return out + err;
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = FlowStack.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The password of the one {@code machine ... login ... password ...} line curl reads. */
    private static String netrcPassword(Path netrc) throws Exception {
        String[] words = Files.readString(netrc).strip().split("\\s+");
        assertThat(words).hasSize(6).startsWith("machine", "127.0.0.1", "login", RestSecurity.USER, "password");
        return words[5];
    }

    private static int get(URI rest, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int put(URI rest, String path, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rest + path))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
