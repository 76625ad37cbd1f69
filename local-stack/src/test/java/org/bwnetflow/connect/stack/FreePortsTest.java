package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
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
    void udpPortIsBindable() throws IOException {
        int port = FreePorts.udp();

        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }
}
