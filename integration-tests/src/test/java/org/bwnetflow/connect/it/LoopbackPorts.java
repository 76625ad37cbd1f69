package org.bwnetflow.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports from a fixed range (42000-42999), for tests of daemons that must stay off the kernel's ephemeral
 * range and off other services' ports: a port counts as free when it can be bound on every address; the range is
 * walked from a random start so that test JVMs side by side seldom pick the same.
 */
final class LoopbackPorts {

    static final int FIRST = 42_000;
    static final int LAST = 42_999;

    private LoopbackPorts() {
    }

    /** {@code count} distinct ports free at the time of the call. */
    static List<Integer> tcp(int count) {
        int size = LAST - FIRST + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < size && ports.size() < count; i++) {
            int port = FIRST + (start + i) % size;
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
                ports.add(port);
            } catch (IOException busy) {
                // taken: the next one
            }
        }
        if (ports.size() < count) {
            throw new UncheckedIOException(new IOException("fewer than " + count + " free TCP ports in " + FIRST + "-" + LAST));
        }
        return ports;
    }
}
