package org.bwnetflow.connect.netflow.export;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.config.CrossKeyErrors;

/**
 * Sends FlowMessage topics (a customer's {@code flows-<cid>}, or a pattern) as NetFlow v9 or
 * IPFIX to existing collectors: nfdump's nfcapd, pmacct's nfacctd, commercial analysers.
 */
public class NetFlowExportSinkConnector extends SinkConnector {

    public static final String OVERVIEW_DOC = "Sends flows from FlowMessage topics as NetFlow v9 or IPFIX over UDP to "
            + "one or more collectors, one observation domain per original exporter, with IPv4 and IPv6 templates "
            + "that carry addresses, ports, protocol, counters, interfaces, AS numbers, next hop, masks, ToS, TCP "
            + "flags, direction, VLANs, MACs and times. A datagram a collector's socket refuses is kept and sent "
            + "again to that collector with templates, after a backoff; a batch Connect delivers again sends only "
            + "what was not sent, and offsets are committed only for flows every collector took. Records that are "
            + "no flows go to Connect's errant record reporter (dead letter queue).";

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new NetFlowExportSinkConfig(props);
        this.props = new HashMap<>(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return NetFlowExportSinkTask.class;
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
        // Nothing to release: the tasks hold the sockets.
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Map<String, List<String>> errors = new HashMap<>();
        NetFlowExportSinkConfig.validateTogether(connectorConfigs, errors);
        return CrossKeyErrors.addTo(super.validate(connectorConfigs), errors);
    }

    @Override
    public ConfigDef config() {
        return NetFlowExportSinkConfig.CONFIG_DEF;
    }
}
