package org.bwnetflow.connect.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The InfluxDB 2 store against a stand-in for {@code /api/v2/query} that records the Flux it is
 * sent and answers with annotated CSV as InfluxDB 2 does. A unit test only: no InfluxDB 2 runs on
 * these machines (no Debian package, no Maven artifact, no Docker), so this checks our Flux and
 * our reading of the answer, not Flux itself.
 */
class InfluxStoreTest {

    private static final Instant FROM = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-20T10:10:00Z");

    private HttpServer influx;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile String answer = "";
    /** Answers to the next requests, in order, before {@link #answer}. */
    private final Queue<String> answers = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startStandIn() throws IOException {
        influx = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        influx.createContext("/api/v2/query", exchange -> {
            // The client sends the Flux in a JSON body, as InfluxDB 2's API takes it.
            String flux = new ObjectMapper().readTree(exchange.getRequestBody()).path("query").asText();
            requests.add(exchange.getRequestURI() + "\n" + exchange.getRequestHeaders().getFirst("Authorization") + "\n"
                    + flux);
            String next = answers.poll();
            byte[] bytes = (next == null ? answer : next).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "text/csv" : "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        influx.start();
    }

    @AfterEach
    void stop() {
        influx.stop(0);
    }

    private InfluxStore store() {
        return new InfluxStore("http://127.0.0.1:" + influx.getAddress().getPort(), "acme", "flows",
                "secret-token".toCharArray());
    }

    @Test
    void totalsPerKeyFromTheSumsPerField() {
        answer = String.join("\n",
                "#datatype,string,long,string,string,long",
                "#group,false,false,true,true,false",
                "#default,_result,,,,",
                ",result,table,_field,cid,_value",
                ",,0,bytes,1000,5000",
                ",,1,packets,1000,50",
                ",,2,flows,1000,4",
                ",,3,bytes,1001,9000",
                ",,4,packets,1001,90",
                ",,5,flows,1001,6",
                "");
        try (InfluxStore store = store()) {
            List<Total> totals = store.totals(new TrafficQuery(Measurement.FLOWS, "cid", FROM, TO, 60, 1000L, 10));
            assertThat(totals).containsExactly(new Total("1001", 9000, 90, 6), new Total("1000", 5000, 50, 4));
        }
        String request = requests.get(0);
        assertThat(request).startsWith("/api/v2/query?org=acme").contains("Token secret-token")
                .contains("from(bucket: \"flows\")")
                .contains("range(start: 2026-11-20T10:00:00Z, stop: 2026-11-20T10:10:00Z)")
                .contains("r._measurement == \"flows\"")
                .contains("r.cid == \"1000\"")
                .contains("group(columns: [\"cid\", \"_field\"])")
                .contains("sum()");
    }

    @Test
    void seriesFromWindowSumsAtTheirStart() {
        answer = String.join("\n",
                "#datatype,string,long,string,string,dateTime:RFC3339,long",
                "#group,false,false,true,true,false,false",
                "#default,_result,,,,,",
                ",result,table,_field,direction,_time,_value",
                ",,0,bytes,ingress,2026-11-20T10:00:00Z,6000",
                ",,0,bytes,ingress,2026-11-20T10:01:00Z,12000",
                ",,1,packets,ingress,2026-11-20T10:00:00Z,60",
                "");
        try (InfluxStore store = store()) {
            List<Series> series = store.series(new TrafficQuery(Measurement.FLOWS, "direction", FROM, TO, 60, null, 10));
            assertThat(series).hasSize(1);
            Series ingress = series.get(0);
            assertThat(ingress.key()).isEqualTo("ingress");
            assertThat(ingress.points()).hasSize(10);
            assertThat(ingress.points().get(0)).isEqualTo(new Point(FROM.getEpochSecond(), 6000 * 8 / 60.0, 1.0));
            assertThat(ingress.points().get(1).bitsPerSecond()).isEqualTo(12000 * 8 / 60.0);
            assertThat(ingress.points().get(2).bitsPerSecond()).as("no window: no traffic").isZero();
        }
        assertThat(requests.get(0)).contains("aggregateWindow(every: 60s, fn: sum, timeSrc: \"_start\"")
                .doesNotContain("r.cid ==");
    }

    @Test
    void ingestHealthFromTheExportersRowsAndTheTasksOwnApart() {
        answers.add(String.join("\n", // flows per exporter per window
                "#datatype,string,long,string,string,dateTime:RFC3339,long",
                "#group,false,false,true,true,false,false",
                "#default,_result,,,,,",
                ",result,table,_field,exporter,_time,_value",
                ",,0,flows,192.0.2.1,2026-11-20T10:00:00Z,6000",
                ",,0,flows,192.0.2.1,2026-11-20T10:01:00Z,1200",
                ",,1,flows,other,2026-11-20T10:00:00Z,60",
                ""));
        answers.add(String.join("\n", // the last row per exporter (its report time)
                "#datatype,string,long,string,string,dateTime:RFC3339,long",
                "#group,false,false,true,true,false,false",
                "#default,_result,,,,,",
                ",result,table,_field,exporter,_time,_value",
                ",,0,flows,192.0.2.1,2026-11-20T10:09:50Z,120",
                ",,1,flows,other,2026-11-20T10:03:20Z,60",
                ""));
        answers.add(String.join("\n", // sums per exporter and field
                "#datatype,string,long,string,string,long",
                "#group,false,false,true,true,false",
                "#default,_result,,,,",
                ",result,table,_field,exporter,_value",
                ",,0,flows,other,60",
                ",,1,datagrams,other,6",
                ",,2,flows,192.0.2.1,7200",
                ",,3,datagrams,192.0.2.1,360",
                ",,4,sequence_gaps,192.0.2.1,2",
                ",,5,sequence_missing,192.0.2.1,9",
                ",,6,clock_skewed,192.0.2.1,7",
                ""));
        answers.add(String.join("\n", // sums of the tasks' own rows per field
                "#datatype,string,long,string,long",
                "#group,false,false,true,false",
                "#default,_result,,,",
                ",result,table,_field,_value",
                ",,0,datagrams_received,372",
                ",,1,kernel_drops,4",
                ",,2,not_allowed,0",
                ",,3,malformed,2",
                ",,4,template_misses,1",
                ""));
        Ingest ingest;
        try (InfluxStore store = store()) {
            ingest = store.ingest(new TrafficQuery(Measurement.INGEST, "exporter", FROM, TO, 60, null, 10));
        }
        assertThat(ingest.flowsPerSecond()).extracting(Ingest.ExporterSeries::key).containsExactly("192.0.2.1", "other");
        List<Ingest.FlowRate> first = ingest.flowsPerSecond().get(0).points();
        assertThat(first).hasSize(10);
        assertThat(first.get(0)).isEqualTo(new Ingest.FlowRate(FROM.getEpochSecond(), 100.0));
        assertThat(first.get(1).flowsPerSecond()).isEqualTo(20.0);
        assertThat(first.get(2).flowsPerSecond()).as("no window: no flows").isZero();
        assertThat(ingest.exporters()).as("over 600 s, \"other\" last").containsExactly(
                new Ingest.Exporter("192.0.2.1", 7200, 360, 12.0, 0.6, 2, 9, 7, FROM.getEpochSecond() + 590),
                new Ingest.Exporter("other", 60, 6, 0.1, 0.01, 0, 0, 0, FROM.getEpochSecond() + 200));
        assertThat(ingest.tasks()).isEqualTo(new Ingest.Tasks(372, 4, 0, 2, 1));

        assertThat(requests).hasSize(4).allSatisfy(request -> assertThat(request)
                .contains("range(start: 2026-11-20T10:00:00Z, stop: 2026-11-20T10:10:00Z)")
                .contains("r._measurement == \"ingest\"").doesNotContain("r.cid"));
        assertThat(requests.get(0)).contains("set: [\"flows\"]").contains("r.exporter != \"*\"")
                .contains("group(columns: [\"exporter\", \"_field\"])")
                .contains("aggregateWindow(every: 60s, fn: sum, timeSrc: \"_start\"");
        assertThat(requests.get(1)).contains("set: [\"flows\"]").contains("r.exporter != \"*\"")
                .contains("group(columns: [\"exporter\", \"_field\"])").endsWith("|> last()");
        assertThat(requests.get(2))
                .contains("set: [\"flows\", \"datagrams\", \"sequence_gaps\", \"sequence_missing\", \"clock_skewed\"]")
                .contains("r.exporter != \"*\"").contains("group(columns: [\"exporter\", \"_field\"])").contains("sum()");
        assertThat(requests.get(3)).contains("set: [\"datagrams_received\", \"kernel_drops\", \"not_allowed\", "
                        + "\"malformed\", \"template_misses\"]")
                .contains("r.exporter == \"*\"").contains("group(columns: [\"_field\"])").contains("sum()");
    }

    /**
     * Flux adds integers with wrap-around, so counters are turned into floats before every sum; a
     * float sum beyond Long.MAX_VALUE (two saturated points) is read as Long.MAX_VALUE.
     */
    @Test
    void countersAreSummedAsFloatsAndReadBackSaturated() {
        String twoSaturatedPoints = "1.8446744073709552E19";
        answers.add(String.join("\n",
                "#datatype,string,long,string,string,double",
                "#group,false,false,true,true,false",
                "#default,_result,,,,",
                ",result,table,_field,cid,_value",
                ",,0,bytes,1000," + twoSaturatedPoints,
                ",,1,packets,1000," + twoSaturatedPoints,
                ",,2,flows,1000,4",
                ""));
        answers.add(String.join("\n",
                "#datatype,string,long,string,string,dateTime:RFC3339,double",
                "#group,false,false,true,true,false,false",
                "#default,_result,,,,,",
                ",result,table,_field,cid,_time,_value",
                ",,0,bytes,1000,2026-11-20T10:00:00Z," + twoSaturatedPoints,
                ",,1,packets,1000,2026-11-20T10:00:00Z," + twoSaturatedPoints,
                ""));
        try (InfluxStore store = store()) {
            TrafficQuery query = new TrafficQuery(Measurement.FLOWS, "cid", FROM, TO, 60, null, 10);
            assertThat(store.totals(query)).containsExactly(new Total("1000", Long.MAX_VALUE, Long.MAX_VALUE, 4));
            assertThat(store.series(query).get(0).points().get(0))
                    .isEqualTo(new Point(FROM.getEpochSecond(), Long.MAX_VALUE * 8.0 / 60, Long.MAX_VALUE / 60.0));
        }
        assertThat(requests.get(0)).contains("|> toFloat()\n  |> sum()");
        assertThat(requests.get(1)).contains("|> toFloat()\n  |> aggregateWindow(");
    }

    @Test
    void anErrorOfTheDatabaseIsAStoreErrorWithItsMessageAndNoToken() {
        status = 400;
        answer = "{\"code\":\"invalid\",\"message\":\"bucket \\\"flows\\\" not found\"}";
        try (InfluxStore store = store()) {
            assertThatThrownBy(() -> store.totals(new TrafficQuery(Measurement.FLOWS, null, FROM, TO, 60, null, 10)))
                    .isInstanceOf(StoreException.class).hasMessageContaining("bucket \"flows\" not found")
                    .hasMessageNotContaining("secret-token");
            assertThat(store.describe()).isEqualTo("InfluxDB at http://127.0.0.1:" + influx.getAddress().getPort()
                    + " (org acme, bucket flows)");
        }
    }

    @Test
    void namesAreFluxStringLiterals() {
        assertThat(InfluxStore.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    }
}
