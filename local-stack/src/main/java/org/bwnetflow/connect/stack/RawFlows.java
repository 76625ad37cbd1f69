package org.bwnetflow.connect.stack;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The shipped raw flows sink in the stack: it writes to the stack's own QuestDB, so without one
 * ({@code --no-tsdb}, {@code --influx-url}) it is not submitted; {@code --raw-retention-hours}
 * replaces its retention.
 */
final class RawFlows {

    static final String CONNECTOR_CLASS = "org.bwnetflow.connect.rawflows.RawFlowsSinkConnector";
    static final String TABLE = "flows_raw";
    static final String RETENTION_KEY = "retention.hours";
    /** RawFlowsSinkConfig's bound (ten years), checked before anything starts. */
    static final int MAX_RETENTION_HOURS = 24 * 366 * 10;

    private RawFlows() {
    }

    /** {@code --raw-retention-hours}, checked before anything starts. */
    static void checkRetention(Integer hours, CommandLine commandLine) {
        if (hours != null && (hours < 1 || hours > MAX_RETENTION_HOURS)) {
            throw new ParameterException(commandLine, "--raw-retention-hours must be between 1 and " + MAX_RETENTION_HOURS
                    + ", got " + hours);
        }
    }

    /** The connectors to submit: the raw flows sink only with the stack's QuestDB, with the retention asked for. */
    static List<ConnectorDefinition> adjust(List<ConnectorDefinition> connectors, boolean stackQuestDb,
                                            Integer retentionHours, PrintWriter out) {
        List<ConnectorDefinition> adjusted = new ArrayList<>();
        for (ConnectorDefinition connector : connectors) {
            if (!CONNECTOR_CLASS.equals(connector.config().get("connector.class"))) {
                adjusted.add(connector);
            } else if (!stackQuestDb) {
                out.println("connector " + connector.name() + ": not submitted, it writes to the stack's QuestDB, "
                        + "which is not started");
            } else if (retentionHours != null) {
                Map<String, String> config = new LinkedHashMap<>(connector.config());
                config.put(RETENTION_KEY, String.valueOf(retentionHours));
                adjusted.add(new ConnectorDefinition(connector.name(), config));
            } else {
                adjusted.add(connector);
            }
        }
        return adjusted;
    }
}
