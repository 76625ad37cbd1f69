package org.bwnetflow.connect.rawflows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for QuestDB's HTTP endpoints with answers a test scripts: each {@code /write} takes the next scripted
 * status and body (204 when none is left); {@code /exec} answers 200 unless {@link #execStatus} says otherwise.
 * Records what it was sent.
 */
final class FakeQuestDb implements AutoCloseable {

    private final HttpServer server;
    private final ConcurrentLinkedQueue<int[]> statuses = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
    private final List<String> writes = new CopyOnWriteArrayList<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    volatile int execStatus = 200;

    FakeQuestDb() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/write", this::write);
        server.createContext("/exec", this::exec);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next write answers {@code status} with {@code body}. */
    FakeQuestDb answer(int status, String body) {
        statuses.add(new int[] {status});
        bodies.add(body);
        return this;
    }

    /** Bodies of the writes it answered 204, in order. */
    List<String> writes() {
        return writes;
    }

    /** Every row it took, over all writes. */
    List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (String write : writes) {
            rows.addAll(write.lines().toList());
        }
        return rows;
    }

    List<String> queries() {
        return queries;
    }

    List<String> authorizations() {
        return authorizations;
    }

    private void write(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        int[] status = statuses.poll();
        if (status == null) {
            writes.add(body);
            exchange.sendResponseHeaders(204, -1);
        } else {
            respond(exchange, status[0], bodies.poll());
        }
        exchange.close();
    }

    private void exec(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        queries.add(URLDecoder.decode(query.substring(query.indexOf('=') + 1), StandardCharsets.UTF_8));
        respond(exchange, execStatus, execStatus == 200 ? "{\"ddl\":\"OK\"}" : "{\"error\":\"no\"}");
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
