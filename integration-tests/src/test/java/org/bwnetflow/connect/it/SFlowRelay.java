package org.bwnetflow.connect.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bwnetflow.connect.flowctl.testing.PcapWriter;

/**
 * Stands between an exporter and the connector: forwards every datagram to the connector's port
 * and keeps a copy, so the test can give the very same datagrams to other decoders.
 */
final class SFlowRelay implements AutoCloseable {

    private static final int SFLOW_PORT = 6343;

    private final DatagramSocket socket;
    private final int target;
    private final List<byte[]> datagrams = new ArrayList<>();
    private volatile long lastMillis = System.currentTimeMillis();
    private final Thread thread;

    private SFlowRelay(int target) throws SocketException {
        this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        this.target = target;
        this.thread = new Thread(this::relay, "sflow-relay");
        thread.setDaemon(true);
    }

    static SFlowRelay start(int connectorPort) throws SocketException {
        SFlowRelay relay = new SFlowRelay(connectorPort);
        relay.thread.start();
        return relay;
    }

    int port() {
        return socket.getLocalPort();
    }

    private void relay() {
        byte[] buffer = new byte[65_535];
        try {
            while (!socket.isClosed()) {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                socket.receive(in);
                byte[] copy = Arrays.copyOf(in.getData(), in.getLength());
                synchronized (datagrams) {
                    datagrams.add(copy);
                }
                lastMillis = System.currentTimeMillis();
                socket.send(new DatagramPacket(copy, copy.length, InetAddress.getLoopbackAddress(), target));
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Once no datagram came for a second: all of them as a capture of UDP to port 6343 (sFlow's). */
    Path writePcap(Path file) throws IOException, InterruptedException {
        while (System.currentTimeMillis() - lastMillis < 1000) {
            Thread.sleep(100);
        }
        PcapWriter pcap = new PcapWriter();
        synchronized (datagrams) {
            long time = 1_800_000_000_000L;
            for (byte[] datagram : datagrams) {
                pcap.udp("127.0.0.1", "127.0.0.1", port(), SFLOW_PORT, datagram, time++);
            }
        }
        pcap.writeTo(file);
        return file;
    }

    @Override
    public void close() {
        socket.close();
    }
}
