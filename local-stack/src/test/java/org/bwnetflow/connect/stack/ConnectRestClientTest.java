package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST client against a scripted fake worker (JDK HttpServer): requests sent, errors reported. */
class ConnectRestClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the fake server saw it. */
    private record Seen(String method, String rawPath, String rawQuery, String body, String authorization) {
    }

    /** A scripted answer. */
    private record Answer(int status, String body) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private HttpServer server;
    private ConnectRestClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
        client = new ConnectRestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
                Duration.ofSeconds(5));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(int status, String body) {
        synchronized (answers) {
            answers.add(new Answer(status, body));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), body, exchange.getRequestHeaders().getFirst("Authorization")));
        Answer answer;
        synchronized (answers) {
            answer = answers.size() > 1 ? answers.poll() : answers.peek();
        }
        if (answer == null) {
            answer = new Answer(500, "{\"error_code\":500,\"message\":\"no answer scripted\"}");
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String status(String connectorState, String... taskStates) {
        StringBuilder tasks = new StringBuilder();
        for (int i = 0; i < taskStates.length; i++) {
            tasks.append(i == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"state\":\"").append(taskStates[i])
                    .append("\",\"worker_id\":\"127.0.0.1:8083\"")
                    .append(taskStates[i].equals("FAILED") ? ",\"trace\":\"java.lang.IllegalStateException: task boom\"" : "")
                    .append('}');
        }
        return "{\"name\":\"nf\",\"connector\":{\"state\":\"" + connectorState + "\",\"worker_id\":\"127.0.0.1:8083\""
                + (connectorState.equals("FAILED") ? ",\"trace\":\"org.apache.kafka.common.config.ConfigException: bad\"" : "")
                + "},\"tasks\":[" + tasks + "],\"type\":\"source\"}";
    }

    @Test
    void withoutALoginNoCredentialsAreSent() {
        answer(200, "[]");

        client.listConnectors();

        assertThat(seen.get(0).authorization()).isNull();
    }

    @Test
    void aLoginGoesWithEveryRequestAndIntoNoMessage() {
        RestLogin login = new RestLogin("operator", "pw-that-must-stay-hidden");
        ConnectRestClient authenticated = new ConnectRestClient(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), Duration.ofSeconds(5), login);
        answer(200, "[]");
        answer(401, "User cannot access the resource.");
        authenticated.listConnectors();

        assertThatThrownBy(() -> authenticated.createOrReplaceConnector("nf", Map.of("connector.class", "X")))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("HTTP 401").doesNotContain("pw-that-must-stay-hidden")
                            .doesNotContain(login.authorizationHeader().substring("Basic ".length()));
                });
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "operator:pw-that-must-stay-hidden".getBytes(StandardCharsets.UTF_8));
        assertThat(seen).hasSize(2).allSatisfy(request -> assertThat(request.authorization()).isEqualTo(expected));
        assertThat(login.toString()).contains("operator").doesNotContain("pw-that-must-stay-hidden");
    }

    @Test
    void errorsCarryMethodUrlStatusAndBody() {
        answer(409, "{\"error_code\":409,\"message\":\"Cannot complete request because of a conflicting operation\"}");

        assertThatThrownBy(() -> client.createOrReplaceConnector("nf", Map.of("connector.class", "X")))
                .isInstanceOfSatisfying(ConnectRestException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.method()).isEqualTo("PUT");
                    assertThat(e.body()).contains("conflicting operation");
                    assertThat(e.getMessage()).contains("PUT", "/connectors/nf/config", "HTTP 409",
                            "conflicting operation");
                });
    }

    @Test
    void nonJsonErrorBodiesAreReportedAsTheyAre() {
        answer(500, "<html>Jetty says no</html>");

        assertThatThrownBy(() -> client.listConnectors())
                .isInstanceOf(ConnectRestException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("<html>Jetty says no</html>");
    }

    @Test
    void unreachableWorkerIsAnIoError() {
        ConnectRestClient nowhere = new ConnectRestClient(URI.create("http://127.0.0.1:" + FreePorts.tcp()),
                Duration.ofSeconds(2));

        assertThatThrownBy(nowhere::serverInfo)
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("GET http://127.0.0.1:");
    }

    @Test
    void createOrReplaceSendsTheConfigAsJsonToAnEncodedPath() throws IOException {
        answer(201, "{\"name\":\"nf source\",\"config\":{},\"tasks\":[]}");

        client.createOrReplaceConnector("nf source", Map.of("connector.class", "X", "tasks.max", "2"));

        Seen request = seen.get(0);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.rawPath()).isEqualTo("/connectors/nf%20source/config");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("connector.class").asText()).isEqualTo("X");
        assertThat(body.get("tasks.max").asText()).isEqualTo("2");
    }

    @Test
    void validateAddsTheConnectorClassAndReturnsTheTree() throws IOException {
        answer(200, "{\"name\":\"X\",\"error_count\":1,\"groups\":[],\"configs\":[]}");

        JsonNode result = client.validate("com.example.X$Inner", Map.of("tasks.max", "1"));

        assertThat(result.get("error_count").asInt()).isEqualTo(1);
        Seen request = seen.get(0);
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.rawPath()).isEqualTo("/connector-plugins/com.example.X%24Inner/config/validate");
        assertThat(JSON.readTree(request.body()).get("connector.class").asText()).isEqualTo("com.example.X$Inner");
    }

    @Test
    void awaitRunningWaitsThrough404AndTasklessStatesUntilAllTasksRun() {
        answer(404, "{\"error_code\":404,\"message\":\"No status found for connector nf\"}");
        answer(200, status("RUNNING"));
        answer(200, status("RUNNING", "RUNNING", "UNASSIGNED"));
        answer(200, status("RUNNING", "RUNNING", "RUNNING"));

        ConnectorStatus status = client.awaitRunning("nf", Duration.ofSeconds(20));

        assertThat(status.isRunning()).isTrue();
        assertThat(status.tasks()).hasSize(2);
        assertThat(status.summary()).isEqualTo("RUNNING, tasks 2/2 RUNNING");
        assertThat(seen).hasSize(4);
    }

    @Test
    void awaitRunningFailsAtOnceWithTheTraceOfAFailedTask() {
        answer(200, status("RUNNING", "RUNNING", "FAILED"));

        assertThatThrownBy(() -> client.awaitRunning("nf", Duration.ofSeconds(20)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("task nf-1 FAILED")
                .hasMessageContaining("task boom");
        assertThat(seen).hasSize(1);
    }

    @Test
    void awaitRunningFailsWithTheTraceOfAFailedConnector() {
        answer(200, status("FAILED"));

        assertThatThrownBy(() -> client.awaitRunning("nf", Duration.ofSeconds(20)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("connector nf FAILED")
                .hasMessageContaining("ConfigException: bad");
    }

    @Test
    void awaitRunningTimesOutWithTheLastStatus() {
        answer(200, status("RUNNING", "UNASSIGNED"));

        assertThatThrownBy(() -> client.awaitRunning("nf", Duration.ofMillis(700)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("not RUNNING")
                .hasMessageContaining("RUNNING, tasks 0/1 RUNNING");
    }

    @Test
    void awaitRunningPassesOtherErrorsOn() {
        answer(500, "{\"error_code\":500,\"message\":\"oops\"}");

        assertThatThrownBy(() -> client.awaitRunning("nf", Duration.ofSeconds(5)))
                .isInstanceOf(ConnectRestException.class)
                .hasMessageContaining("oops");
    }

    @Test
    void deleteOfAnUnknownConnectorReturnsFalse() {
        answer(404, "{\"error_code\":404,\"message\":\"Connector nf not found\"}");
        assertThat(client.deleteConnector("nf")).isFalse();

        seen.clear();
        answers.clear();
        answer(204, "");
        assertThat(client.deleteConnector("nf")).isTrue();
        assertThat(seen.get(0).method()).isEqualTo("DELETE");
    }

    @Test
    void pluginsAndConnectorsAreParsed() {
        answer(200, "[{\"class\":\"org.apache.kafka.connect.transforms.InsertField$Value\",\"type\":\"transformation\","
                + "\"version\":\"4.4.0\"},{\"class\":\"org.apache.kafka.connect.converters.ByteArrayConverter\","
                + "\"type\":\"converter\"}]");

        assertThat(client.connectorPlugins()).containsExactly(
                new PluginInfo("org.apache.kafka.connect.transforms.InsertField$Value", "transformation", "4.4.0"),
                new PluginInfo("org.apache.kafka.connect.converters.ByteArrayConverter", "converter", ""));
        assertThat(seen.get(0).rawQuery()).isEqualTo("connectorsOnly=false");

        answers.clear();
        answer(200, "[\"a\",\"b\"]");
        assertThat(client.listConnectors()).containsExactly("a", "b");
    }

    @Test
    void restartUsesTheQueryParameters() {
        answer(202, "{}");

        client.restartConnector("nf", true, false);

        assertThat(seen.get(0).method()).isEqualTo("POST");
        assertThat(seen.get(0).rawPath()).isEqualTo("/connectors/nf/restart");
        assertThat(seen.get(0).rawQuery()).isEqualTo("includeTasks=true&onlyFailed=false");
    }

    @Test
    void pathSegmentsArePercentEncoded() {
        assertThat(ConnectRestClient.segment("a b/c$d~e_f.g-h")).isEqualTo("a%20b%2Fc%24d~e_f.g-h");
        assertThat(ConnectRestClient.segment("ü")).isEqualTo("%C3%BC");
    }
}
