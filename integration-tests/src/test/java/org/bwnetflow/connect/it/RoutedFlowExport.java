package org.bwnetflow.connect.it;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.netflow.encode.ExportFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;

/** A router exporting NetFlow v9 to a source connector whose flows the Routes transform enriches. */
final class RoutedFlowExport {

    private static final String NETFLOW_CLASS = "org.bwnetflow.connect.netflow.source.NetFlowSourceConnector";

    private RoutedFlowExport() {
    }

    static Map<String, String> netflowWithRoutes(int port, String topic, String ribTopic, String routerMap) {
        Map<String, String> config = new HashMap<>(Map.of("connector.class", NETFLOW_CLASS, "tasks.max", "1", "topic", topic,
                "listen.address", "127.0.0.1", "listen.port", String.valueOf(port), "exporter.allowlist", "127.0.0.0/8",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.bwnetflow.connect.model.FlowMessageConverter"));
        config.put("transforms", "routes");
        config.put("transforms.routes.type", "org.bwnetflow.connect.enrich.Routes");
        config.put("transforms.routes.routes.bootstrap.servers", LocalStack.broker().bootstrapServers());
        config.put("transforms.routes.routes.topic", ribTopic);
        if (!routerMap.isEmpty()) {
            config.put("transforms.routes.routes.router.map", routerMap);
        }
        config.put("transforms.routes.routes.publish.interval.ms", "100");
        return config;
    }

    static void send(DatagramSocket exporter, int port, FlowExportEncoder encoder, boolean templates, List<ExportFlow> batch)
            throws Exception {
        byte[] datagram = encoder.encode(batch, templates, System.currentTimeMillis());
        exporter.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
    }

    static ExportFlow flow(String src, String dst) throws Exception {
        byte[] dstBytes = InetAddress.getByName(dst).getAddress();
        long now = System.currentTimeMillis();
        return new ExportFlow(InetAddress.getByName(src).getAddress(), dstBytes, new byte[dstBytes.length], 1, 2, 3, 1200,
                now - 2000, now - 1000, 40_000, 443, 0x18, 6, 0, 0, 0, 24, 24, 1, 0, 0, 0, 0, 0);
    }
}
