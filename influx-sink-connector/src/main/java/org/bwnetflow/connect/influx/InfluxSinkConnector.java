package org.bwnetflow.connect.influx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.bwnetflow.connect.influx.aggregate.AggregationSpec;
import org.bwnetflow.connect.model.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates FlowMessage records into windowed counters (bwNetFlow's dashboard) and writes them
 * to a database that speaks the InfluxDB v2 write API, counting every flow exactly once.
 */
public class InfluxSinkConnector extends SinkConnector {

    public static final String OVERVIEW_DOC = "Reads FlowMessage topics (e.g. topics.regex=flows-.*), adds flows up in "
            + "tumbling windows on flow time per configured measurement and tag set, and writes totals (not deltas) to "
            + "the InfluxDB v2 write API (InfluxDB 2/3, 1.8+, QuestDB, VictoriaMetrics). Each partition's records are "
            + "cut into segments of write.interval.ms of record time; a segment's totals of each window are written "
            + "once, when it ends, at the window start plus a millisecond slot of the segment's own, and offsets are "
            + "committed at segment starts. After a crash or rebalance a replay cuts the same segments and writes the "
            + "same values to the same points. A flow time further than flow.time.tolerance.ms from its record's "
            + "timestamp (a router's wrong clock) is replaced by the record's timestamp. Ingest health records of the "
            + "NetFlow sources (topic _ingest-health) on a topic it reads are written one point each to the ingest "
            + "measurement.";

    private static final Logger log = LoggerFactory.getLogger(InfluxSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        InfluxSinkConfig.checkRemovedKeys(props);
        InfluxSinkConfig config = new InfluxSinkConfig(props);
        config.aggregationSpec(); // cross-key problems of the measurements fail the start, not the tasks
        config.checkIngestMeasurement();
        config.checkSegmentSlots();
        config.checkCredentials();
        this.props = new HashMap<>(props);
        log.info("Influx sink connector started: {} (bucket {}), windows of {} ms, segments of {} ms, flow time "
                + "tolerance {} ms", config.url(), config.bucket(), config.windowMillis(), config.writeIntervalMillis(),
                config.flowTimeToleranceMillis());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return InfluxSinkTask.class;
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
        log.info("Influx sink connector stopped");
    }

    @Override
    public ConfigDef config() {
        return InfluxSinkConfig.CONFIG_DEF;
    }

    /**
     * Also checks what the ConfigDef cannot: keys of measurements named by the user
     * ({@code measurement.<name>.tags}, ...), how the measurement keys fit together, that the
     * ingest measurement is not a flow measurement too, that the tolerance fits the windows and
     * segments, and keys of earlier releases that were replaced. The validate endpoint then names the key and why.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        try {
            InfluxSinkConfig.checkRemovedKeys(connectorConfigs);
        } catch (ConfigException e) {
            attach(config, InfluxSinkConfig.REMOVED_KEYS.keySet().stream().filter(connectorConfigs::containsKey)
                    .findFirst().orElseThrow(), e.getMessage());
        }
        boolean keysValid = config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!keysValid) {
            return config; // one problem at a time: the per-key messages first
        }
        InfluxSinkConfig parsed = new InfluxSinkConfig(connectorConfigs);
        try {
            AggregationSpec.from(parsed);
        } catch (AggregationSpec.InvalidKeyException e) {
            attach(config, e.key(), e.getMessage());
        } catch (ConfigException e) {
            attach(config, AggregationSpec.MEASUREMENTS, e.getMessage());
        }
        try {
            parsed.checkIngestMeasurement();
        } catch (ConfigException e) {
            attach(config, InfluxSinkConfig.INGEST_MEASUREMENT, e.getMessage());
        }
        try {
            parsed.checkSegmentSlots();
        } catch (ConfigException e) {
            attach(config, InfluxSinkConfig.FLOW_TIME_TOLERANCE_MS, e.getMessage());
        }
        try {
            parsed.checkCredentials();
        } catch (AggregationSpec.InvalidKeyException e) {
            attach(config, e.key(), e.getMessage());
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
