package org.bwnetflow.connect.bgp.speaker.gobgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.bwnetflow.connect.bgp.speaker.BlackholeRoute;
import org.bwnetflow.connect.bgp.speaker.Community;
import org.bwnetflow.connect.bgp.speaker.FlowSpecRule;
import org.bwnetflow.connect.bgp.speaker.SpeakerException;
import org.junit.jupiter.api.Test;

/**
 * The speaker never waits longer than its deadline: nothing listening fails at once, a listener that never answers
 * fails at the deadline, and both messages name the address. (gobgpd itself stopped and SIGSTOPped: GobgpSpeakerIT.)
 */
class GobgpSpeakerUnreachableTest {

    private static final Community MARKER = Community.parse("64512:666:1");
    private static final Duration DEADLINE = Duration.ofMillis(1500);

    @Test
    void nothingListeningFailsAtOnceNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket socket = bind()) {
            port = socket.getLocalPort();
        }
        try (GobgpSpeaker speaker = new GobgpSpeaker(GobgpSpeakerConfig.of("127.0.0.1", port, MARKER).withDeadline(DEADLINE))) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> speaker.announce(BlackholeRoute.of("203.0.113.7", "192.0.2.1")))
                    .isInstanceOf(SpeakerException.class)
                    .hasMessageStartingWith("gobgpd at 127.0.0.1:" + port + " is unreachable: announce blackhole 203.0.113.7/32")
                    .hasMessageContaining("UNAVAILABLE");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusMillis(500));
            // and again: the channel's reconnect backoff does not make the next call wait
            start = System.nanoTime();
            assertThatThrownBy(speaker::announced).isInstanceOf(SpeakerException.class).hasMessageContaining("127.0.0.1:" + port);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE.plusMillis(500));
        }
    }

    @Test
    void aListenerThatNeverAnswersFailsAtTheDeadline() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = bind()) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            int port = silent.getLocalPort();
            try (GobgpSpeaker speaker = new GobgpSpeaker(GobgpSpeakerConfig.of("127.0.0.1", port, MARKER).withDeadline(DEADLINE))) {
                for (ThrowingCall call : List.<ThrowingCall>of(() -> speaker.announce(FlowSpecRule.to("192.0.2.1").discard()),
                        () -> speaker.withdraw(BlackholeRoute.of("203.0.113.7", "192.0.2.1")), speaker::announced, speaker::identify)) {
                    long start = System.nanoTime();
                    assertThatThrownBy(call::run).isInstanceOf(SpeakerException.class)
                            .hasMessageStartingWith("gobgpd at 127.0.0.1:" + port + " did not answer within 1500 ms: ")
                            .hasMessageContaining("DEADLINE_EXCEEDED");
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(took).isBetween(DEADLINE.minusMillis(50), DEADLINE.plusMillis(1000));
                }
            }
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void aClosedSpeakerSaysSo() throws Exception {
        GobgpSpeaker speaker = new GobgpSpeaker(GobgpSpeakerConfig.of("127.0.0.1", 42999, MARKER));
        speaker.close();
        speaker.close();
        assertThatThrownBy(speaker::announced).isInstanceOf(IllegalStateException.class)
                .hasMessage("gobgpd at 127.0.0.1:42999: the speaker is closed");
    }

    @Test
    void refusesRoutesAgainstItsPolicyBeforeSendingAnything() throws Exception {
        try (GobgpSpeaker speaker = new GobgpSpeaker(GobgpSpeakerConfig.of("127.0.0.1", 42999, MARKER))) {
            assertThatThrownBy(() -> speaker.announce(FlowSpecRule.to("10.0.0.0/8").discard()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("flowspec dst 10.0.0.0/8: the destination prefix is shorter than /24, the shortest this speaker announces"
                            + " FlowSpec rules for");
            assertThatThrownBy(() -> speaker.announce(FlowSpecRule.to("2001:db8::/32").discard()))
                    .hasMessageContaining("shorter than /48");
            assertThatThrownBy(() -> speaker.announce(BlackholeRoute.of("203.0.113.7", "192.0.2.1", "64512:666:1")))
                    .hasMessage("the marker community 64512:666:1 is the speaker's own; blackhole 203.0.113.7/32 must not name it");
        }
    }

    @Test
    void refusesWellKnownMarkersAndUnreadableTrustFiles() {
        assertThatThrownBy(() -> GobgpSpeakerConfig.of("127.0.0.1", 50051, Community.parse("65535:666")))
                .hasMessageContaining("is a well-known or reserved community");
        assertThatThrownBy(() -> GobgpSpeakerConfig.of("127.0.0.1", 0, MARKER)).hasMessage("gobgpd's API port is 1-65535, not 0");
        assertThatThrownBy(() -> new GobgpSpeaker(GobgpSpeakerConfig.of("127.0.0.1", 50051, MARKER)
                .withTls(java.nio.file.Path.of("/nonexistent/ca.pem"), java.util.Optional.empty())))
                .isInstanceOf(SpeakerException.class)
                .hasMessageStartingWith("cannot use /nonexistent/ca.pem as the trusted certificates for gobgpd at 127.0.0.1:50051 (TLS)");
    }

    /** A listening socket on 127.0.0.1 in 42000-42999 (the ports these tests may use). */
    static ServerSocket bind() throws IOException {
        int offset = ThreadLocalRandom.current().nextInt(1000);
        for (int i = 0; i < 1000; i++) {
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 42000 + (offset + i) % 1000));
                return socket;
            } catch (IOException busy) {
                socket.close();
            }
        }
        throw new IOException("no free port in 42000-42999 on 127.0.0.1");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
