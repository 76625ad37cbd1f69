package org.bwnetflow.connect.ddos.sink;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.config.CrossKeyErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DDoS detection on the customer topics and mitigation by BGP. One task: a customer's detector must see all of
 * that customer's flows, whatever partitions they are in, so the connector runs a single task whatever
 * tasks.max says; split customers over several connectors (each with its own topics, state topic and marker
 * community) to spread the load.
 */
public class DdosSinkConnector extends SinkConnector {

    public static final String OVERVIEW_DOC = "Reads the customer flow topics (e.g. topics.regex=flows-.*) and detects "
            + "floods per customer and destination against a learned hourly baseline (the detection of flowctl ddos), "
            + "continuously. Attack events (start, update, end: target, rates, thresholds, top sources, protocol and "
            + "ports) go to the attacks topic and the time-series database (ddos_attacks). Per customer policy "
            + "(off, alert, blackhole, flowspec), attacks are mitigated through gobgpd's API: an RTBH route "
            + "(65535:666, NO_EXPORT and the operator's communities) or a FlowSpec rule (discard or rate limit), "
            + "withdrawn when the attack has ended plus a hold time. Only addresses of the attacked customer (the "
            + "CustomerId prefix list), at most so many routes per customer and in total, dry-run by default; every "
            + "decision is in the audit topic (and ddos_mitigations) before the speaker hears of it. Baselines, open "
            + "attacks and the routes held live in a compacted state topic, so a restart or rebalance resumes them: "
            + "it never leaves a route without its record nor withdraws one whose attack or hold time lasts. One "
            + "task whatever tasks.max says (a customer's detector needs all its flows).";

    private static final Logger log = LoggerFactory.getLogger(DdosSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        Map<String, List<String>> errors = DdosSinkConfig.crossKeyErrors(props);
        if (!errors.isEmpty()) {
            Map.Entry<String, List<String>> first = errors.entrySet().iterator().next();
            throw new ConfigException(first.getKey() + " " + first.getValue().get(0));
        }
        DdosSinkConfig config = new DdosSinkConfig(props);
        this.props = Map.copyOf(props);
        log.info("DDoS sink connector started: policies {}, {}", config.policies(), config.dryRun() ? "dry run (no routes "
                + "announced)" : "announcing through gobgpd at " + config.speakerAddress());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return DdosSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        if (maxTasks > 1) {
            log.info("DDoS sink: one task whatever tasks.max ({}) says: a customer's detector needs all its flows", maxTasks);
        }
        return List.of(props);
    }

    @Override
    public void stop() {
        log.info("DDoS sink connector stopped");
    }

    @Override
    public ConfigDef config() {
        return DdosSinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        boolean keysValid = config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        return keysValid ? CrossKeyErrors.addTo(config, DdosSinkConfig.crossKeyErrors(connectorConfigs)) : config;
    }
}
