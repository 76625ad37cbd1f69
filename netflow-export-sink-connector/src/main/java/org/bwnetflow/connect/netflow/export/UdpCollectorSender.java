package org.bwnetflow.connect.netflow.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One UDP socket per collector, connected to it, so that the kernel tells us about a collector
 * it knows to be unreachable: an ICMP port or host unreachable for a datagram sent to it makes
 * the socket report an error (PortUnreachableException, NoRouteToHostException). An unconnected
 * socket drops those errors, and every datagram sent while a collector is down would count as
 * sent. All sockets are bound to the same local address.
 */
final class UdpCollectorSender implements CollectorSender {

    /** Datagrams a collector sends back (none do): read and dropped, at most this many per send. */
    private static final int MAX_READ_BACK = 16;

    private final List<InetSocketAddress> collectors;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final ByteBuffer readBack = ByteBuffer.allocate(64);

    UdpCollectorSender(List<InetSocketAddress> collectors, String bindAddress) throws IOException {
        this.collectors = List.copyOf(collectors);
        InetSocketAddress local = bindAddress == null || bindAddress.isBlank() ? null : new InetSocketAddress(bindAddress, 0);
        try {
            for (InetSocketAddress collector : this.collectors) {
                DatagramChannel channel = DatagramChannel.open();
                channels.add(channel);
                channel.bind(local);
                channel.connect(collector);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public List<InetSocketAddress> collectors() {
        return collectors;
    }

    @Override
    public void send(int collector, byte[] datagram) throws IOException {
        DatagramChannel channel = channels.get(collector);
        int sent = channel.write(ByteBuffer.wrap(datagram));
        if (sent != datagram.length) {
            throw new IOException("the kernel took " + sent + " of " + datagram.length + " bytes for "
                    + collectors.get(collector));
        }
        throwErrorReportedMeanwhile(channel);
    }

    /**
     * Reads an error the socket reported since the write. An unreachable collector's ICMP answer
     * to this very datagram is there already when the collector is on this host (loopback answers
     * before the write returns); from farther away it comes later and the next send reports it.
     * Either way the datagram counts as refused, not the one after it.
     */
    private void throwErrorReportedMeanwhile(DatagramChannel channel) throws IOException {
        channel.configureBlocking(false);
        try {
            for (int i = 0; i < MAX_READ_BACK && channel.read(readBack.clear()) > 0; i++) {
                // A collector that talks back: nothing we need.
            }
        } finally {
            channel.configureBlocking(true);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
