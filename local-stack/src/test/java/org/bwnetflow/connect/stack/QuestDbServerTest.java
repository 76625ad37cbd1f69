package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stack's QuestDB for real: started from its jar, the sink's tables created from the SQL
 * file the stack ships (connect-configs/questdb/tables.sql), a point written twice through the
 * InfluxDB v2 write API is one row; nothing but the HTTP port is open, and nothing answers there
 * without the stack's password, which stays in owner-only files.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QuestDbServerTest {

    @Test
    void startsCreatesDedupTablesAndOverwritesEqualPoints() throws Exception {
        Path base = Path.of("target", "questdb-test", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        List<String> tables = QuestDbServer.readSqlFile(Path.of("../connect-configs/questdb/tables.sql"));
        assertThat(tables).hasSize(10).allSatisfy(sql -> assertThat(sql).matches(
                "CREATE TABLE IF NOT EXISTS .*|ALTER TABLE \\w+ ADD COLUMN IF NOT EXISTS .*"));
        int port = FreePorts.tcp(1).get(0);
        QuestDbLogin login = QuestDbLogin.prepare(base.resolve("secrets"));
        QuestDbServer server = QuestDbServer.start(base.resolve("questdb"), port, 0, login, base.resolve("questdb.log"),
                base.resolve("questdb.pid"), false, tables);
        try {
            String line = "flows,cid=1000,direction=in,ipversion=4,protoname=TCP,application=www,peer=x,"
                    + "topic_partition=flows-1000-0 bytes=%di,packets=1i,flows=1i 1700000000";
            assertThat(write(server.url(), login.authorizationHeader(), String.format(line, 100)).statusCode()).isEqualTo(204);
            assertThat(write(server.url(), login.authorizationHeader(), String.format(line, 250)).statusCode()).isEqualTo(204);
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

    @Test
    void withoutTheStacksPasswordNothingAnswersAndThePasswordStaysInOwnerOnlyFiles() throws Exception {
        Path base = Path.of("target", "questdb-auth-test", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        List<Integer> ports = FreePorts.tcp(2);
        int port = ports.get(0);
        int pgPort = ports.get(1);
        QuestDbLogin login = QuestDbLogin.prepare(base.resolve("secrets"));
        String password = login.password();
        QuestDbServer server = QuestDbServer.start(base.resolve("questdb"), port, pgPort, login, base.resolve("questdb.log"),
                base.resolve("questdb.pid"), false, List.of());
        try {
            String wrong = "Basic " + Base64.getEncoder().encodeToString((QuestDbLogin.USER + ":" + password + "x")
                    .getBytes(StandardCharsets.UTF_8));
            for (String authorization : Arrays.asList(null, wrong)) {
                for (String sql : List.of("SELECT 1", "CREATE TABLE intruder (x LONG)", "DROP TABLE IF EXISTS flows")) {
                    assertThat(get(server.url() + "/exec?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8),
                            authorization).statusCode()).as("GET /exec of %s, %s", sql, authorization == null ? "no login"
                            : "a wrong password").isEqualTo(401);
                }
                for (String path : List.of("/exp?query=SELECT%201", "/imp", "/chk?j=flows")) {
                    assertThat(get(server.url() + path, authorization).statusCode()).as(path).isEqualTo(401);
                }
                assertThat(write(server.url(), authorization, "intruder x=1i 1700000000").statusCode())
                        .as("the InfluxDB v2 write API").isEqualTo(401);
            }
            assertThat(server.exec("SELECT table_name FROM tables() WHERE table_name = 'intruder'"))
                    .as("what the refused requests would have created").contains("\"dataset\":[]");
            assertThat(listeningPorts(server.pid())).as("QuestDB's listening ports: HTTP and PostgreSQL (no 9009, 9003)")
                    .containsExactlyInAnyOrder(port, pgPort);
            assertThat(Files.readString(base.resolve("questdb/conf/server.conf"))).contains("pg.net.bind.to=127.0.0.1:" + pgPort);
            thePgDoorRefusesStrangersAndTheReadOnlyUserCannotWrite(pgPort, login);
            assertThat(Files.readString(Path.of("/proc", Long.toString(server.pid()), "cmdline"))).doesNotContain(password)
                    .doesNotContain(login.readonlyPassword());
        } finally {
            server.stop();
        }
        assertThat(Files.readString(base.resolve("questdb.log"))).doesNotContain(password)
                .doesNotContain(login.readonlyPassword());
        for (Path secret : List.of(login.passwordFile(), login.readonlyPasswordFile(), login.netrcFile(),
                base.resolve("questdb/conf/server.conf"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as("mode of %s", secret)
                    .isEqualTo("rw-------");
        }
        for (Path dir : List.of(base.resolve("secrets"), base.resolve("questdb"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as("mode of %s", dir)
                    .isEqualTo("rwx------");
        }
        assertThat(login.toString()).doesNotContain(password).doesNotContain(login.readonlyPassword());
    }

    /**
     * An attacker at the PostgreSQL wire: QuestDB's default admin/quest, no password, an empty one, a
     * wrong one, each for both users, are refused; the read-only user (the dashboard's) can read but
     * neither create, write nor drop; the stack's own user can.
     */
    private static void thePgDoorRefusesStrangersAndTheReadOnlyUserCannotWrite(int pgPort, QuestDbLogin login)
            throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
        List<String[]> strangers = List.of(new String[] {"admin", "quest"}, new String[] {QuestDbLogin.USER, null},
                new String[] {QuestDbLogin.USER, ""}, new String[] {QuestDbLogin.USER, login.password() + "x"},
                new String[] {QuestDbLogin.READONLY_USER, null}, new String[] {QuestDbLogin.READONLY_USER, ""},
                new String[] {QuestDbLogin.READONLY_USER, login.readonlyPassword() + "x"},
                new String[] {QuestDbLogin.READONLY_USER, login.password()});
        for (String[] stranger : strangers) {
            assertThatThrownBy(() -> DriverManager.getConnection(url, pgLogin(stranger[0], stranger[1])).close())
                    .as("user %s, %s", stranger[0], stranger[1] == null ? "no password" : "a wrong password")
                    .isInstanceOf(SQLException.class);
        }
        try (Connection owner = DriverManager.getConnection(url, pgLogin(QuestDbLogin.USER, login.password()));
             Statement statement = owner.createStatement()) {
            statement.execute("CREATE TABLE readable (x LONG)");
            statement.execute("INSERT INTO readable VALUES (1)");
        }
        try (Connection reader = DriverManager.getConnection(url, pgLogin(QuestDbLogin.READONLY_USER,
                login.readonlyPassword())); Statement statement = reader.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT count() FROM readable")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).isEqualTo(1);
            }
            for (String sql : List.of("CREATE TABLE intruder (x LONG)", "INSERT INTO readable VALUES (2)",
                    "DROP TABLE readable", "TRUNCATE TABLE readable", "ALTER TABLE readable ADD COLUMN y LONG")) {
                assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class);
            }
            try (ResultSet rows = statement.executeQuery("SELECT count() FROM readable")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getLong(1)).as("the read-only user changed nothing").isEqualTo(1);
            }
        }
    }

    private static Properties pgLogin(String user, String password) {
        Properties login = new Properties();
        login.setProperty("user", user);
        if (password != null) {
            login.setProperty("password", password);
        }
        login.setProperty("connectTimeout", "5");
        return login;
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> write(String url, String authorization, String line) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v2/write?precision=s"))
                .POST(HttpRequest.BodyPublishers.ofString(line + "\n"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The TCP ports process {@code pid} listens on: its socket inodes matched with /proc/net/tcp and tcp6. */
    static List<Integer> listeningPorts(long pid) throws Exception {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                String target = Files.readSymbolicLink(fd).toString();
                if (target.startsWith("socket:[")) {
                    inodes.add(target.substring("socket:[".length(), target.length() - 1));
                }
            }
        }
        List<Integer> ports = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> rows = Files.readAllLines(Path.of(table)); // read once: other processes' sockets come and go
            for (String row : rows.subList(1, rows.size())) {
                String[] cols = row.trim().split("\\s+");
                // local_address is HEXIP:HEXPORT, st 0A is LISTEN, the inode is column 10.
                if (cols[3].equals("0A") && inodes.contains(cols[9])) {
                    ports.add(Integer.parseInt(cols[1].substring(cols[1].indexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }
}
