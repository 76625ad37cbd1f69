package org.bwnetflow.connect.netflow.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.config.CrossKeyErrors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects NetFlow v5, v9 and IPFIX over UDP into Kafka as FlowMessage records.
 *
 * <p>Every task listens on the same port (SO_REUSEPORT); on one worker, tasks.max > 1
 * spreads exporters over several decoding threads.
 */
public class NetFlowSourceConnector extends SourceConnector {

    public static final String OVERVIEW_DOC = "Receives NetFlow v5, NetFlow v9, IPFIX and sFlow v5 datagrams on a UDP "
            + "port (told apart by each datagram's first bytes) from the exporters of exporter.allowlist, and writes "
            + "one FlowMessage record per flow, timestamped with its receive time. Everything datagrams make a task "
            + "keep (templates, sampling rates, interface names) is bounded in bytes by state.max.bytes; what decoded "
            + "flows is saved in the source offsets, so a restarted or moved task decodes an exporter's next datagram "
            + "at once. Loss before the collector (sequence gaps, kernel drops) and exporters' wrong clocks are "
            + "counted as metrics and, with health.topic, written as ingest health records.";

    private static final Logger log = LoggerFactory.getLogger(NetFlowSourceConnector.class);

    /** Task config key (set here, not by users) with the task's number, for its health records. */
    static final String TASK_NUMBER = "bwnetflow.task.number";

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        NetFlowSourceConfig config = new NetFlowSourceConfig(props);
        this.props = new HashMap<>(props);
        if (config.exporterAllowlist().allowsAll()) {
            log.warn("{} allows every address: datagrams from any sender are decoded. Set it to your exporters' "
                    + "addresses so nobody else can inject templates or flows.", NetFlowSourceConfig.EXPORTER_ALLOWLIST);
        }
        log.info("NetFlow source connector started: udp {} -> topic {}", config.listenAddress(), config.topic());
    }

    @Override
    public Class<? extends Task> taskClass() {
        return NetFlowSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(TASK_NUMBER, Integer.toString(i));
            configs.add(config);
        }
        return configs;
    }

    /** The task's number as {@link #taskConfigs} set it; 0 for a task started without it (tests). */
    static int taskNumber(Map<String, String> taskProps) {
        String number = taskProps.get(TASK_NUMBER);
        return number == null ? 0 : Integer.parseInt(number);
    }

    @Override
    public void stop() {
        log.info("NetFlow source connector stopped");
    }

    @Override
    public ConfigDef config() {
        return NetFlowSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Map<String, List<String>> errors = new HashMap<>();
        NetFlowSourceConfig.validateTogether(connectorConfigs, errors);
        return CrossKeyErrors.addTo(super.validate(connectorConfigs), errors);
    }

    /** UDP cannot be replayed, so there is no exactly-once delivery to offer. */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.UNSUPPORTED;
    }

    /** Offsets only cache decoder state, so resetting or editing them is always safe. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        return true;
    }
}
