package org.bwnetflow.connect.benchmarks.load;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.QuestDbLogin;
import org.bwnetflow.connect.stack.QuestDbServer;

/**
 * The database the shipped Influx sink writes to under load: QuestDB as the local stack starts it
 * (its own login, the shipped tables from {@code connect-configs/questdb/tables.sql}).
 */
final class SinkDatabase implements AutoCloseable {

    private final QuestDbServer server;

    private SinkDatabase(QuestDbServer server) {
        this.server = server;
    }

    static SinkDatabase start(Path dir, Path repository) {
        QuestDbLogin login = QuestDbLogin.prepare(dir.resolve("secrets"));
        List<Integer> ports = FreePorts.tcp(2);
        return new SinkDatabase(QuestDbServer.start(dir.resolve("data"), ports.get(0), ports.get(1), login,
                dir.resolve("questdb.log"), dir.resolve("questdb.pid"), false,
                QuestDbServer.readSqlFile(repository.resolve("connect-configs/questdb/tables.sql"))));
    }

    /** The variables the shipped influx-sink.json and raw-flows-sink.json read through the worker's env provider. */
    Map<String, String> sinkEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(server.login().sinkEnvironment());
        env.putAll(server.login().rawSinkEnvironment(server.url()));
        env.put("FLOWSTACK_INFLUX_URL", server.url());
        env.put("FLOWSTACK_INFLUX_ORG", "bwnetflow");
        env.put("FLOWSTACK_INFLUX_TOKEN", "");
        return env;
    }

    /** The JSON answer to one SQL query, e.g. how many points the sink wrote. */
    String query(String sql) {
        return server.exec(sql);
    }

    /** The single number a query such as {@code SELECT count() FROM t} answers; -1 when it answers none. */
    long queryNumber(String sql) {
        try {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"dataset\":\\[\\[(-?\\d+)\\]\\]")
                    .matcher(query(sql));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        } catch (RuntimeException e) {
            return -1; // e.g. the table does not exist yet
        }
    }

    long pid() {
        return server.pid();
    }

    @Override
    public void close() {
        server.stop();
    }
}
