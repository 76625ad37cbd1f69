package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void tcpPortsAreDistinctAndBindable() throws IOException {
        List<Integer> ports = FreePorts.tcp(5);

        assertThat(ports).hasSize(5).doesNotHaveDuplicates();
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    @Test
    void theLastPortsNeighbourIsFreeTooEvenWhileTheFirstPicksNeighboursAreHeld() throws IOException {
        // Hold the neighbours of ports the kernel hands out, as another process's connections would: every pick must
        // still end in a port whose next one can be bound.
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                int neighbour = FreePorts.tcp() + 1;
                try {
                    ServerSocket socket = new ServerSocket();
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), neighbour));
                    held.add(socket);
                } catch (IOException taken) {
                    // already in use: held by someone else, which serves as well
                }
            }
            for (int i = 0; i < 20; i++) {
                List<Integer> ports = FreePorts.tcpWithNextFree(3);
                assertThat(ports).hasSize(3).doesNotHaveDuplicates().doesNotContain(ports.get(2) + 1);
                try (ServerSocket last = new ServerSocket(); ServerSocket next = new ServerSocket()) {
                    last.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get(2)));
                    next.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), ports.get(2) + 1));
                }
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void udpPortIsBindable() throws IOException {
        int port = FreePorts.udp();

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
