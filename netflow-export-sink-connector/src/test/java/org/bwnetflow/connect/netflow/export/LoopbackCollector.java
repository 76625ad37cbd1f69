package org.bwnetflow.connect.netflow.export;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A UDP socket on 127.0.0.1 standing in for a collector: what the task sent, datagram by
 * datagram. It can go away (its socket closed, so the kernel answers ICMP port unreachable)
 * and come back on the same port, as a collector that restarts.
 */
final class LoopbackCollector implements AutoCloseable {

    private final int port;
    /** What arrived in each earlier life of the collector, before it went away. */
    private final List<List<byte[]>> earlierLives = new ArrayList<>();
    private volatile DatagramSocket socket;

    LoopbackCollector() throws IOException {
        socket = open(0);
        port = socket.getLocalPort();
    }

    private static DatagramSocket open(int port) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        socket.setReceiveBufferSize(4 << 20);
        socket.setSoTimeout(300);
        return socket;
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    /** Reads what has arrived, then closes the socket: nothing listens on the port any more. */
    void goAway() throws IOException {
        earlierLives.add(receiveAll());
        socket.close();
    }

    /** Listens on the port again. */
    void comeBack() throws IOException {
        socket = open(port);
    }

    /**
     * The datagrams of each life of the collector, the present one until none came for 300 ms: a
     * collector that restarts has forgotten the templates of its earlier life.
     */
    List<List<byte[]>> receiveByLife() throws IOException {
        List<List<byte[]>> lives = new ArrayList<>(earlierLives);
        lives.add(receiveAll());
        return lives;
    }

    /** Every datagram that arrived in the present life, until none came for 300 ms. */
    List<byte[]> receiveAll() throws IOException {
        List<byte[]> datagrams = new ArrayList<>();
        byte[] buffer = new byte[65_536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return datagrams;
            }
            datagrams.add(Arrays.copyOf(packet.getData(), packet.getLength()));
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
