package org.bwnetflow.connect.netflow.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/** Sends each datagram to every collector from one unconnected UDP socket. */
final class CollectorSender implements AutoCloseable {

    private final List<InetSocketAddress> collectors;
    private final DatagramChannel channel;

    CollectorSender(List<InetSocketAddress> collectors, String bindAddress) throws IOException {
        this.collectors = List.copyOf(collectors);
        this.channel = DatagramChannel.open();
        channel.bind(bindAddress == null || bindAddress.isBlank() ? null : new InetSocketAddress(bindAddress, 0));
    }

    /** @throws IOException when the datagram could not be handed to the kernel for a collector */
    void send(byte[] datagram) throws IOException {
        for (InetSocketAddress collector : collectors) {
            int sent = channel.send(ByteBuffer.wrap(datagram), collector);
            if (sent != datagram.length) {
                throw new IOException("the kernel took " + sent + " of " + datagram.length + " bytes for " + collector);
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
