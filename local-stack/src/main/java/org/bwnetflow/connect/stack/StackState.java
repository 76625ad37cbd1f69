package org.bwnetflow.connect.stack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ports a {@code flowstack up} used, saved in the home directory so that a later
 * {@code status} or {@code up} finds the running stack without being given the ports again.
 *
 * @param restPort    REST port of worker 1; worker n listens on {@code restPort + n - 1}
 * @param questDbPort   the embedded QuestDB's HTTP port; 0 when the stack runs none
 * @param questDbPgPort its PostgreSQL wire port (the dashboard's explorer reads there); 0 when it has none
 * @param workers       Connect workers in the group (all on this machine)
 */
public record StackState(int brokerPort, int controllerPort, int restPort, boolean secure, int questDbPort,
                         int questDbPgPort, int workers) {

    public StackState {
        if (workers < 1) {
            throw new IllegalArgumentException("a stack has at least one worker: " + workers);
        }
    }

    public String bootstrapServers() {
        return BrokerSettings.HOST + ":" + brokerPort;
    }

    public String questDbUrl() {
        return "http://" + BrokerSettings.HOST + ":" + questDbPort;
    }

    /** The JDBC URL of QuestDB's PostgreSQL wire (database qdb; QuestDB takes any name). */
    public String questDbPgUrl() {
        return "jdbc:postgresql://" + BrokerSettings.HOST + ":" + questDbPgPort + "/qdb";
    }

    public URI restUrl() {
        return restUrl(1);
    }

    public URI restUrl(int worker) {
        return URI.create("http://" + WorkerSettings.HOST + ":" + restPort(worker));
    }

    public int restPort(int worker) {
        return restPort + worker - 1;
    }

    public void write(Path file) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("broker.port", Integer.toString(brokerPort));
        props.put("controller.port", Integer.toString(controllerPort));
        props.put("rest.port", Integer.toString(restPort));
        props.put("secure", Boolean.toString(secure));
        props.put("questdb.port", Integer.toString(questDbPort));
        props.put("questdb.pg.port", Integer.toString(questDbPgPort));
        props.put("workers", Integer.toString(workers));
        PropertiesFile.write(file, "Ports of the stack started by flowstack up", props);
    }

    /** The saved state; empty if there is none or it is unreadable (then the options' ports apply). */
    public static Optional<StackState> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Map<String, String> props = PropertiesFile.read(file);
            return Optional.of(new StackState(Integer.parseInt(props.get("broker.port")),
                    Integer.parseInt(props.get("controller.port")), Integer.parseInt(props.get("rest.port")),
                    Boolean.parseBoolean(props.get("secure")), Integer.parseInt(props.getOrDefault("questdb.port", "0")),
                    Integer.parseInt(props.getOrDefault("questdb.pg.port", "0")),
                    Integer.parseInt(props.getOrDefault("workers", "1"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
