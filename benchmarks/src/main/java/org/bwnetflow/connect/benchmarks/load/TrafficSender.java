package org.bwnetflow.connect.benchmarks.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.bwnetflow.connect.netflow.encode.ExportFlow;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;

/**
 * The load: NetFlow v9 from several exporters (127.0.0.10, .11, ...) at a paced rate, fast
 * enough not to be the limit on this machine. Each exporter's datagram (the codec's encoder,
 * IPv4 template 256, {@code flowsPerDatagram} records) is encoded once and then resent with a
 * new sequence number, uptime and export time, and new addresses in every record from
 * {@link TrafficAddresses}: by default every flow is a new address pair, so a collector that
 * aggregates cannot merge any and no address cache helps.
 */
final class TrafficSender implements AutoCloseable {

    private static final int V9_HEADER = 20;
    private static final int SET_HEADER = 4;
    private static final int SRC_ADDR = 0;
    private static final int DST_ADDR = 4;

    private final List<Exporter> exporters = new ArrayList<>();
    private final int flowsPerDatagram;
    private final int recordLength;
    private final TrafficAddresses addresses;

    TrafficSender(int exporterCount, int flowsPerDatagram, TrafficAddresses addresses) throws IOException {
        this.flowsPerDatagram = flowsPerDatagram;
        this.addresses = addresses;
        long boot = System.currentTimeMillis() - 3_600_000;
        this.recordLength = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 1, boot).recordLength(false);
        for (int i = 0; i < exporterCount; i++) {
            InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (10 + i)});
            FlowExportEncoder encoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, i + 1, boot);
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(address, 0));
            long now = System.currentTimeMillis();
            exporters.add(new Exporter(channel, encoder.encode(List.of(), true, now),
                    encoder.encode(flows(i, now), false, now), boot));
        }
    }

    private List<ExportFlow> flows(int exporter, long now) {
        List<ExportFlow> flows = new ArrayList<>();
        for (int i = 0; i < flowsPerDatagram; i++) {
            flows.add(new ExportFlow(new byte[] {10, 0, 0, 1}, new byte[] {(byte) 198, 51, 100, (byte) (1 + i)},
                    new byte[] {(byte) 192, 0, 2, (byte) (1 + exporter)}, 1 + i % 4, 100, 10 + i, 1_500L * (10 + i),
                    now - 20_000, now - 1_000, 40_000 + i, 443, 0x18, 6, 0, 64_500, 64_501, 24, 24, 0, 0, 0, 0, 0, 0));
        }
        return flows;
    }

    /** Sends the templates of every exporter once (collectors need them before data). */
    void sendTemplates(InetSocketAddress target) throws IOException {
        for (Exporter e : exporters) {
            e.channel.send(ByteBuffer.wrap(e.templates), target);
        }
    }

    /**
     * Sends {@code flows} flows at {@code flowsPerSecond}, round robin over the exporters, templates
     * again every second; returns the flows sent (a whole number of datagrams).
     */
    long send(InetSocketAddress target, long flows, long flowsPerSecond) throws IOException {
        long datagrams = flows / flowsPerDatagram;
        long start = System.nanoTime();
        long nextTemplates = start;
        for (long d = 0; d < datagrams; d++) {
            long now = System.nanoTime();
            if (now >= nextTemplates) {
                sendTemplates(target);
                nextTemplates = now + 1_000_000_000L;
            }
            Exporter e = exporters.get((int) (d % exporters.size()));
            e.channel.send(ByteBuffer.wrap(e.next()), target);
            long due = start + (d + 1) * flowsPerDatagram * 1_000_000_000L / flowsPerSecond;
            long wait = due - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait);
            }
        }
        return datagrams * flowsPerDatagram;
    }

    @Override
    public void close() throws IOException {
        for (Exporter e : exporters) {
            e.channel.close();
        }
    }

    /** One exporter: its socket, its templates, and its data datagram, rewritten before each send. */
    private final class Exporter {
        final DatagramChannel channel;
        final byte[] templates;
        final byte[] data;
        final long bootMillis;
        long sequence;

        Exporter(DatagramChannel channel, byte[] templates, byte[] data, long bootMillis) {
            this.channel = channel;
            this.templates = templates;
            this.data = data;
            this.bootMillis = bootMillis;
        }

        byte[] next() {
            long now = System.currentTimeMillis();
            ByteBuffer b = ByteBuffer.wrap(data);
            b.putInt(4, (int) (now - bootMillis));
            b.putInt(8, (int) (now / 1000));
            b.putInt(12, (int) sequence++);
            for (int r = 0; r < flowsPerDatagram; r++) {
                int record = V9_HEADER + SET_HEADER + r * recordLength;
                addresses.next();
                b.putInt(record + SRC_ADDR, addresses.source());
                b.putInt(record + DST_ADDR, addresses.destination());
            }
            return data;
        }
    }
}
