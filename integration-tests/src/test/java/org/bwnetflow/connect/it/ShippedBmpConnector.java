package org.bwnetflow.connect.it;

import java.util.Map;
import java.util.UUID;
import org.bwnetflow.connect.stack.FreePorts;

/** The BMP source connector as shipped, on a port and topic of its own; closing deletes it. */
record ShippedBmpConnector(String name, int port, String topic) implements AutoCloseable {

    static ShippedBmpConnector start(String name) {
        return start(name, FreePorts.tcp(), "bgp-rib-" + name + "-" + UUID.randomUUID());
    }

    /** On a given port and topic: a connector deleted and created again takes up where the first one was. */
    static ShippedBmpConnector start(String name, int port, String topic) {
        Map<String, String> config = ShippedConnector.read("bmp-source.json");
        config.put("bmp.rib.bootstrap.servers", LocalStack.broker().bootstrapServers());
        config.put("bmp.port", String.valueOf(port));
        config.put("topic", topic);
        config.put("bmp.session.grace.ms", "2000");
        LocalStack.rest().createOrReplaceConnector(name, config);
        LocalStack.rest().awaitRunning(name, LocalStack.timeout());
        return new ShippedBmpConnector(name, port, topic);
    }

    @Override
    public void close() {
        LocalStack.rest().deleteConnector(name); // harmless if it was deleted already
    }
}
