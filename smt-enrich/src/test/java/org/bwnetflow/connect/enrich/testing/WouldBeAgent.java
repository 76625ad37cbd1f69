package org.bwnetflow.connect.enrich.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A UDP socket on a loopback address (127.0.0.0/8) and the SNMP port that plays an SNMP agent
 * a flow names: it answers nothing and keeps every datagram it receives, so a test can show
 * whether the transform sent it a query (and what: a v2c GET carries the community in clear).
 */
public final class WouldBeAgent implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<byte[]> received = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private WouldBeAgent(DatagramSocket socket) {
        this.socket = socket;
        this.reader = new Thread(this::read, "would-be-agent-" + socket.getLocalSocketAddress());
        reader.setDaemon(true);
        reader.start();
    }

    /** Listens on {@code address}:{@code port}; the address must be a loopback one. */
    public static WouldBeAgent listen(String address, int port) {
        try {
            InetAddress bind = InetAddress.getByName(address);
            if (!bind.isLoopbackAddress()) {
                throw new IllegalArgumentException(address + " is not a loopback address");
            }
            return new WouldBeAgent(new DatagramSocket(new InetSocketAddress(bind, port)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void read() {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                received.add(Arrays.copyOf(packet.getData(), packet.getLength()));
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The datagrams received so far. */
    public List<byte[]> received() {
        return List.copyOf(received);
    }

    /** Whether any datagram received so far contains {@code bytes} (e.g. a community). */
    public boolean receivedBytes(byte[] bytes) {
        return received.stream().anyMatch(datagram -> indexOf(datagram, bytes) >= 0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() {
        socket.close();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
