package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stack's QuestDB for real: started from its jar, the sink's tables created from the SQL
 * file the stack ships (connect-configs/questdb/tables.sql), a point written twice through the
 * InfluxDB v2 write API is one row, and nothing but the HTTP port is open.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QuestDbServerTest {

    @Test
    void startsCreatesDedupTablesAndOverwritesEqualPoints() throws Exception {
        Path base = Path.of("target", "questdb-test", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        List<String> tables = QuestDbServer.readSqlFile(Path.of("../connect-configs/questdb/tables.sql"));
        assertThat(tables).hasSize(6).allSatisfy(sql -> assertThat(sql).matches(
                "CREATE TABLE IF NOT EXISTS .*|ALTER TABLE \\w+ ADD COLUMN IF NOT EXISTS .*"));
        int port = FreePorts.tcp(1).get(0);
        QuestDbServer server = QuestDbServer.start(base.resolve("questdb"), port, base.resolve("questdb.log"),
                base.resolve("questdb.pid"), false, tables);
        try {
            String line = "flows,cid=1000,direction=in,ipversion=4,protoname=TCP,application=www,peer=x,"
                    + "topic_partition=flows-1000-0 bytes=%di,packets=1i,flows=1i 1700000000";
            write(server.url(), String.format(line, 100));
            write(server.url(), String.format(line, 250));
            String rows = "";
            for (int i = 0; i < 50 && !rows.contains("250"); i++) {
                Thread.sleep(200);
                rows = server.exec("SELECT count() c, sum(bytes) b FROM flows");
            }
            assertThat(rows).as("one row, the last total").contains("[[1,250]]");
            assertThat(Files.readString(base.resolve("questdb").resolve("conf/server.conf"))).contains("pg.enabled=false");
        } finally {
            server.stop();
        }
        assertThat(ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void sqlFilesSplitAtStatementEnds() throws Exception {
        Path file = Files.createTempFile("tables", ".sql");
        Files.writeString(file, "-- a comment\nCREATE TABLE a (x LONG,\n  y LONG);\n\nSELECT 1;\nSELECT 2\n");
        assertThat(QuestDbServer.readSqlFile(file)).containsExactly("CREATE TABLE a (x LONG, y LONG)", "SELECT 1", "SELECT 2");
    }

    private static void write(String url, String line) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v2/write?precision=s"))
                .POST(HttpRequest.BodyPublishers.ofString(line + "\n")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }
}
