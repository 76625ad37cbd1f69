package org.bwnetflow.connect.netflow.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/** The task's way out to the collectors: one datagram to one collector at a time, so each can fail on its own. */
interface CollectorSender extends AutoCloseable {

    /** The collectors, in the order of the indexes {@link #send} takes. */
    List<InetSocketAddress> collectors();

    /** @throws IOException when the datagram could not be handed to the kernel for collector {@code collector} */
    void send(int collector, byte[] datagram) throws IOException;

    @Override
    void close() throws IOException;

    /** Opens the sockets of a task (or of one exporter's source address). */
    @FunctionalInterface
    interface Factory {
        CollectorSender open(List<InetSocketAddress> collectors, String bindAddress) throws IOException;
    }
}
