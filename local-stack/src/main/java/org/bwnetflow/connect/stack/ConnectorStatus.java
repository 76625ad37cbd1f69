package org.bwnetflow.connect.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code GET /connectors/{name}/status}, parsed.
 *
 * @param name   connector name
 * @param state  connector state: UNASSIGNED, RUNNING, PAUSED, STOPPED, FAILED, RESTARTING
 * @param trace  the connector's failure trace, empty unless FAILED
 * @param tasks  task states, ordered by id
 */
public record ConnectorStatus(String name, String state, String trace, List<TaskStatus> tasks) {

    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";

    /** One task's state. */
    public record TaskStatus(int id, String state, String workerId, String trace) {
    }

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    static ConnectorStatus fromJson(JsonNode node) {
        JsonNode connector = node.path("connector");
        List<TaskStatus> tasks = new ArrayList<>();
        for (JsonNode task : node.path("tasks")) {
            tasks.add(new TaskStatus(task.path("id").asInt(), task.path("state").asText(),
                    task.path("worker_id").asText(), task.path("trace").asText("")));
        }
        return new ConnectorStatus(node.path("name").asText(), connector.path("state").asText(),
                connector.path("trace").asText(""), tasks);
    }

    /**
     * The connector and all its tasks run. A connector with no tasks yet is not running:
     * right after creation Connect reports the connector RUNNING before it has created tasks.
     */
    public boolean isRunning() {
        return RUNNING.equals(state) && !tasks.isEmpty() && tasks.stream().allMatch(t -> RUNNING.equals(t.state()));
    }

    /** A description of the failed connector and/or tasks with their traces, if anything failed. */
    public Optional<String> failure() {
        StringBuilder out = new StringBuilder();
        if (FAILED.equals(state)) {
            out.append("connector ").append(name).append(" FAILED:\n").append(trace).append('\n');
        }
        for (TaskStatus task : tasks) {
            if (FAILED.equals(task.state())) {
                out.append("task ").append(name).append('-').append(task.id()).append(" FAILED on ")
                        .append(task.workerId()).append(":\n").append(task.trace()).append('\n');
            }
        }
        return out.length() == 0 ? Optional.empty() : Optional.of(out.toString().strip());
    }

    /** Which worker runs which task, e.g. {@code [127.0.0.1:8083: 0 1, 127.0.0.1:8084: 2]}; empty without tasks. */
    public String placement() {
        Map<String, List<Integer>> byWorker = new TreeMap<>();
        tasks.forEach(t -> byWorker.computeIfAbsent(t.workerId(), w -> new ArrayList<>()).add(t.id()));
        return byWorker.isEmpty() ? "" : byWorker.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue().stream().map(String::valueOf).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** e.g. {@code RUNNING, tasks 2/2 RUNNING}. */
    public String summary() {
        long running = tasks.stream().filter(t -> RUNNING.equals(t.state())).count();
        return state + ", tasks " + running + "/" + tasks.size() + " RUNNING";
    }
}
