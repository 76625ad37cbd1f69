package org.bwnetflow.connect.rawflows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.bwnetflow.connect.model.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every flow record as one row of QuestDB's raw flows table, stored exactly once and kept for a retention. */
public class RawFlowsSinkConnector extends SinkConnector {

    public static final String OVERVIEW_DOC = "Reads FlowMessage topics (e.g. topics.regex=flows-.*, each flow once) and "
            + "writes every flow as one row of QuestDB's raw flows table (flows_raw: the columns of FlowsColumn in "
            + "flow-model), in InfluxDB line protocol over HTTP, in large batches, one written while the next fills. "
            + "Fast path: raw FlowMessage protobuf bytes (value.converter ByteArrayConverter) go straight into line "
            + "protocol, without a Struct; FlowMessageConverter's Structs are accepted too. The row's designated "
            + "timestamp is the record's timestamp; timestamp, topic, partition and offset are the table's "
            + "deduplication keys, and offsets are committed only up to rows QuestDB took, so a replay after a crash "
            + "rewrites the same rows and every flow is stored exactly once. At start each task creates the table "
            + "(partitioned by hour, WAL, deduplicated) if needed and applies retention.hours as its TTL. QuestDB "
            + "down: writes are retried with backoff, the task stays RUNNING and commits nothing past unwritten rows. "
            + "Records that are no flows are skipped and counted (and sent to the dead letter queue with "
            + "errors.tolerance=all).";

    private static final Logger log = LoggerFactory.getLogger(RawFlowsSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        RawFlowsSinkConfig config = new RawFlowsSinkConfig(props);
        config.checkCrossKeys();
        this.props = new HashMap<>(props);
        log.info("Raw flows sink connector started: table {} at {}, retention {} h", config.tableName(), config.url(),
                config.retentionHours());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return RawFlowsSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(new HashMap<>(props));
        }
        return configs;
    }

    @Override
    public void stop() {
        log.info("Raw flows sink connector stopped");
    }

    @Override
    public ConfigDef config() {
        return RawFlowsSinkConfig.CONFIG_DEF;
    }

    /** Also what the ConfigDef cannot check: a user without a password and the other way round, the backoffs. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        boolean keysValid = config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!keysValid) {
            return config; // one problem at a time: the per-key messages first
        }
        for (RawFlowsSinkConfig.KeyProblem problem : new RawFlowsSinkConfig(connectorConfigs).crossKeyProblems()) {
            attach(config, problem.key(), problem.message());
        }
        return config;
    }

    private static void attach(Config config, String key, String message) {
        for (ConfigValue value : config.configValues()) {
            if (value.name().equals(key)) {
                value.addErrorMessage(message);
                return;
            }
        }
        ConfigValue extra = new ConfigValue(key);
        extra.addErrorMessage(message);
        config.configValues().add(extra);
    }
}
