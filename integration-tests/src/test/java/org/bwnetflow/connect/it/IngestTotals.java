package org.bwnetflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.bwnetflow.connect.stack.QuestDbLogin;
import org.bwnetflow.connect.stack.QuestDbServer;

/**
 * The sources' ingest health as the Influx sink wrote it to QuestDB's {@code ingest} table: per
 * exporter (and the task's own row "*") of one connector, flows, datagrams, what was lost
 * before us and the flows whose time the exporter's clock had wrong, summed over all reports.
 */
record IngestTotals(Map<String, long[]> byExporter) {

    static final String TASK_ROW = "*";
    /** Flows, datagrams, missing, clock-skewed. */
    private static final int COLUMNS = 4;

    static IngestTotals inDatabase(String questDbUrl, QuestDbLogin login, String connector) {
        String answer = QuestDbServer.exec(questDbUrl, login, "SELECT exporter, sum(flows) f, sum(datagrams) d, "
                + "sum(sequence_missing) m, sum(clock_skewed) s FROM ingest WHERE connector = '" + connector
                + "' GROUP BY exporter");
        Map<String, long[]> rows = new TreeMap<>();
        try {
            JsonNode json = new ObjectMapper().readTree(answer);
            for (JsonNode row : json.path("dataset")) {
                rows.put(row.get(0).asText(), new long[] {row.get(1).asLong(), row.get(2).asLong(), row.get(3).asLong(),
                    row.get(4).asLong()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("QuestDB's answer is not JSON: " + answer, e);
        }
        return new IngestTotals(rows);
    }

    /** The exporters of the dashboard's ingest health ({@code /api/ingest} over all time), as a login sees them. */
    static IngestTotals inDashboard(String dashboardUrl, String user, String password) {
        long until = System.currentTimeMillis() / 1000 + 86_400;
        JsonNode answer = DashboardApi.get(dashboardUrl, "/api/ingest?from=0&to=" + until, user, password).json();
        Map<String, long[]> rows = new TreeMap<>();
        for (JsonNode row : answer.path("exporters")) {
            rows.put(row.get("exporter").asText(), new long[] {row.get("flows").asLong(), row.get("datagrams").asLong(),
                row.get("sequenceMissing").asLong(), row.get("clockSkewed").asLong()});
        }
        return new IngestTotals(rows);
    }

    /** Only the exporters' rows, without the task's own. */
    IngestTotals exportersOnly() {
        Map<String, long[]> rows = new TreeMap<>(byExporter);
        rows.remove(TASK_ROW);
        return new IngestTotals(rows);
    }

    /** What grew since {@code before}, per exporter; exporters that did not grow are left out. */
    IngestTotals minus(IngestTotals before) {
        Map<String, long[]> grown = new TreeMap<>();
        byExporter.forEach((exporter, now) -> {
            long[] then = before.byExporter.getOrDefault(exporter, new long[COLUMNS]);
            long[] delta = new long[COLUMNS];
            boolean grew = false;
            for (int i = 0; i < COLUMNS; i++) {
                delta[i] = now[i] - then[i];
                grew |= delta[i] != 0;
            }
            if (grew) {
                grown.put(exporter, delta);
            }
        });
        return new IngestTotals(grown);
    }

    long flows(String exporter) {
        return byExporter.getOrDefault(exporter, new long[COLUMNS])[0];
    }

    /** Flows of the exporter (or of the task's own row) whose time lay beyond the source's clock tolerance. */
    long clockSkewed(String exporter) {
        return byExporter.getOrDefault(exporter, new long[COLUMNS])[3];
    }

    /** Flows of all exporter rows, the task's own row left out. */
    long exporterFlows() {
        return byExporter.entrySet().stream().filter(e -> !e.getKey().equals(TASK_ROW)).mapToLong(e -> e.getValue()[0])
                .sum();
    }

    long exporterDatagrams() {
        return byExporter.entrySet().stream().filter(e -> !e.getKey().equals(TASK_ROW)).mapToLong(e -> e.getValue()[1])
                .sum();
    }

    /** What the exporters' rows say was lost before the source (the task's own row left out). */
    long missing() {
        return byExporter.entrySet().stream().filter(e -> !e.getKey().equals(TASK_ROW)).mapToLong(e -> e.getValue()[2])
                .sum();
    }

    long exporters() {
        return byExporter.keySet().stream().filter(e -> !e.equals(TASK_ROW)).count();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        byExporter.forEach((exporter, v) -> text.append(exporter).append(": flows ").append(v[0]).append(", datagrams ")
                .append(v[1]).append(", missing ").append(v[2]).append(", clock skewed ").append(v[3]).append("; "));
        return text.toString();
    }
}
