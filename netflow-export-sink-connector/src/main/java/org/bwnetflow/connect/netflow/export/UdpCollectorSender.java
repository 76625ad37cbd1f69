package org.bwnetflow.connect.netflow.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

/** Sends each datagram to every collector from one unconnected UDP socket. */
final class UdpCollectorSender implements CollectorSender {

    private final List<InetSocketAddress> collectors;
    private final DatagramChannel channel;

    UdpCollectorSender(List<InetSocketAddress> collectors, String bindAddress) throws IOException {
        this.collectors = List.copyOf(collectors);
        this.channel = DatagramChannel.open();
        channel.bind(bindAddress == null || bindAddress.isBlank() ? null : new InetSocketAddress(bindAddress, 0));
    }

    @Override
    public List<InetSocketAddress> collectors() {
        return collectors;
    }

    @Override
    public void send(int collector, byte[] datagram) throws IOException {
        InetSocketAddress to = collectors.get(collector);
        int sent = channel.send(ByteBuffer.wrap(datagram), to);
        if (sent != datagram.length) {
            throw new IOException("the kernel took " + sent + " of " + datagram.length + " bytes for " + to);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
