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
            + "tumbling windows on flow time per configured measurement and tag set, and writes each window's totals "
            + "(not deltas) at the window's start to the InfluxDB v2 write API (InfluxDB 2/3, 1.8+, QuestDB, "
            + "VictoriaMetrics). Offsets are committed only past windows whose totals are written, so after a crash "
            + "or rebalance the open windows are recomputed from Kafka and the same points are written again. Ingest "
            + "health records of the NetFlow sources (topic _ingest-health) on a topic it reads are written as they "
            + "come, one point each, to the ingest measurement.";

    private static final Logger log = LoggerFactory.getLogger(InfluxSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        InfluxSinkConfig config = new InfluxSinkConfig(props);
        config.aggregationSpec(); // cross-key problems of the measurements fail the start, not the tasks
        config.checkIngestMeasurement();
        this.props = new HashMap<>(props);
        log.info("Influx sink connector started: {} (bucket {}), windows of {} ms, lateness {} ms", config.url(),
                config.bucket(), config.windowMillis(), config.latenessMillis());
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
     * ({@code measurement.<name>.tags}, ...), how the measurement keys fit together, and that the
     * ingest measurement is not a flow measurement too. The validate endpoint then names the key and why.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
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
