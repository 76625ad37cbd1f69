package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports, so tests never collide with a developer's running stack or with
 * each other. The ports are free when returned; another process could still take one
 * before it is bound, which is acceptable for tests.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** One free TCP port on 127.0.0.1. */
    public static int tcp() {
        return tcp(1).get(0);
    }

    /** {@code count} distinct free TCP ports: all are held open together, so none repeats. */
    public static List<Integer> tcp(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            }
            List<Integer> ports = new ArrayList<>();
            sockets.forEach(s -> ports.add(s.getLocalPort()));
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on loopback", e);
        } finally {
            sockets.forEach(FreePorts::closeQuietly);
        }
    }

    /**
     * {@code count} distinct free TCP ports of which the last one's next port is free too, for a server that takes the
     * port after the one it is given (bin/flowstack's second worker). Picks again when that next port is in use: the
     * ports come from the kernel's ephemeral range, where any process's connection may hold the neighbour.
     */
    public static List<Integer> tcpWithNextFree(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<Integer> ports = tcp(count);
            int next = ports.get(count - 1) + 1;
            if (next <= 65_535 && !ports.contains(next) && isFree(next)) {
                return ports;
            }
        }
        throw new StackException("no " + count + " free TCP ports on loopback with a free port after the last, in 50 tries");
    }

    /** One free UDP port on 127.0.0.1 (e.g. for a NetFlow collector under test). */
    public static int udp() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free UDP port on loopback", e);
        }
    }

    /**
     * Fails unless {@code port} can be bound on 127.0.0.1. Called before a server starts: were
     * another broker or worker already listening there, the readiness check would talk to
     * it and report our dying server as ready.
     */
    public static void requireFree(int port, String what) {
        try {
            bind(port);
        } catch (IOException e) {
            throw new StackException(what + " port " + port + " on " + InetAddress.getLoopbackAddress().getHostAddress()
                    + " is already in use (" + e.getMessage() + "); is another stack running? Choose other ports.");
        }
    }

    private static boolean isFree(int port) {
        try {
            bind(port);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void bind(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing an unbound or bound server socket: nothing to do about a failure.
        }
    }
}
