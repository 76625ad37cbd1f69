package org.bwnetflow.connect.netflow.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The real sockets: what the kernel tells the sender about a collector port where nothing listens. */
class UdpCollectorSenderTest {

    @Test
    void everySendToAPortWhereNothingListensIsRefusedAndTheFirstAfterItListensArrives() throws Exception {
        InetSocketAddress collector;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            collector = new InetSocketAddress(InetAddress.getLoopbackAddress(), probe.getLocalPort());
        }
        try (UdpCollectorSender sender = new UdpCollectorSender(List.of(collector), "")) {
            // Each send, not every other: the ICMP answer to a datagram is read before the send returns.
            for (int i = 0; i < 50; i++) {
                byte[] lost = {(byte) i};
                assertThatThrownBy(() -> sender.send(0, lost)).as("send %d", i).isInstanceOf(PortUnreachableException.class);
            }
            try (DatagramSocket listening = new DatagramSocket(collector)) {
                listening.setSoTimeout(2_000);
                sender.send(0, new byte[] {42});
                DatagramPacket packet = new DatagramPacket(new byte[16], 16);
                listening.receive(packet);
                assertThat(packet.getLength()).isEqualTo(1);
                assertThat(packet.getData()[0]).as("the first datagram after it listens, nothing before").isEqualTo((byte) 42);
            }
        }
    }
}
