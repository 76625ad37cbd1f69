package org.bwnetflow.connect.bmp.source.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.source.Captures;
import org.bwnetflow.connect.model.config.AddressAllowlist;
import org.bwnetflow.connect.bmp.source.rib.RibCounters;
import org.bwnetflow.connect.bmp.source.rib.RibKeeper;
import org.bwnetflow.connect.bmp.source.rib.RibWriter;
import org.bwnetflow.connect.bmp.source.rib.RouterRib;
import org.bwnetflow.connect.bmp.source.rib.RouterWatch;
import org.bwnetflow.connect.bmp.source.rib.TombstoneCause;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The station on a real TCP port of 127.0.0.1: who gets in, what a malformed stream costs, backpressure. */
class BmpStationTest {

    private final List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
    private final StationCounters counters = new StationCounters();
    private final AtomicBoolean outputFull = new AtomicBoolean();
    private final List<Socket> sockets = new ArrayList<>();
    private BmpStation station;

    private final RibWriter writer = new RibWriter() {
        @Override
        public void announce(RouterRib router, RouteKey key, Route route) {
            written.add("+ " + key);
        }

        @Override
        public void tombstone(RouterRib router, RouteKey key, TombstoneCause cause) {
            written.add("- " + key + " " + cause);
        }
    };

    private void start(String allowlist, int maxConnections) throws IOException {
        RibKeeper keeper = new RibKeeper(EnumSet.allOf(RibTable.class), 60_000, writer, new RibCounters(), RouterWatch.NONE);
        BmpStation.SessionFactory sessions = router -> new RouterSession(
                keeper.sessionStarted(router, System.currentTimeMillis()), keeper, counters, System::currentTimeMillis,
                1 << 20, 16);
        station = new BmpStation(new InetSocketAddress("127.0.0.1", 0), new AddressAllowlist(List.of(allowlist.split(","))),
                maxConnections, sessions, keeper, counters, outputFull::get, System::currentTimeMillis);
        station.start("bmp-station-test");
    }

    /** A router's connection from {@code from} (any 127.x address reaches the station on Linux's loopback). */
    private Socket connect(String from) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", station.port()));
        socket.setSoTimeout(5000);
        return socket;
    }

    /** Whether the station closed the connection (EOF or reset within the socket's timeout). */
    private static boolean closedByStation(Socket socket) throws IOException {
        try (InputStream in = socket.getInputStream()) {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (station != null) {
            station.close();
        }
    }

    @Test
    void theCaptureSentThroughASocketBecomesTheRoutesOfTheRouterItCameFrom() throws Exception {
        start("127.0.0.1", 4);
        Socket router = connect("127.0.0.1");

        router.getOutputStream().write(Captures.bytes(Captures.LOC_RIB));

        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 4);
        assertThat(written).containsExactly("+ 127.0.0.1 LOC_RIB peer - 198.51.100.0/24",
                "+ 127.0.0.1 LOC_RIB peer - 2001:db8:1:0:0:0:0:0/48", "+ 127.0.0.1 LOC_RIB peer - 203.0.113.0/24",
                "- 127.0.0.1 LOC_RIB peer - 203.0.113.0/24 WITHDRAWN");
        assertThat(station.connectionsOpen()).isEqualTo(1);
        assertThat(counters.accepted.sum()).isEqualTo(1);
    }

    @Test
    void aRouterNotInTheAllowlistIsClosedAtOnceAndCounted() throws Exception {
        start("127.0.0.1", 4);
        Socket stranger = connect("127.0.0.2");
        stranger.getOutputStream().write(Captures.bytes(Captures.LOC_RIB));

        assertThat(closedByStation(stranger)).isTrue();
        assertThat(counters.refusedNotAllowed.sum()).isEqualTo(1);
        assertThat(counters.accepted.sum()).isZero();
        assertThat(written).isEmpty();
    }

    @Test
    void aConnectionBeyondTheLimitIsClosedAtOnceAndCounted() throws Exception {
        start("127.0.0.0/8", 1);
        Socket first = connect("127.0.0.2");
        await().atMost(Duration.ofSeconds(10)).until(() -> station.connectionsOpen() == 1);

        Socket second = connect("127.0.0.3");

        assertThat(closedByStation(second)).isTrue();
        assertThat(counters.refusedLimit.sum()).isEqualTo(1);
        first.getOutputStream().write(Captures.bytes(Captures.LOC_RIB));
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 4);
    }

    @Test
    void aMalformedStreamClosesItsSessionOnlyAndIsCounted() throws Exception {
        start("127.0.0.0/8", 4);
        Socket broken = connect("127.0.0.2");
        broken.getOutputStream().write("GET / HTTP/1.1\r\nHost: bmp\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(closedByStation(broken)).isTrue();
        assertThat(counters.closedMalformed.sum()).isEqualTo(1);

        Socket router = connect("127.0.0.3");
        router.getOutputStream().write(Captures.bytes(Captures.LOC_RIB));
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 4);
        assertThat(station.failure()).isNull();
    }

    @Test
    void aRouterThatConnectsAgainReplacesItsOldSession() throws Exception {
        start("127.0.0.1", 4);
        Socket old = connect("127.0.0.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> station.connectionsOpen() == 1);

        Socket again = connect("127.0.0.1");

        assertThat(closedByStation(old)).isTrue();
        assertThat(counters.replacedByReconnect.sum()).isEqualTo(1);
        again.getOutputStream().write(Captures.bytes(Captures.LOC_RIB));
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 4);
        assertThat(station.connectionsOpen()).isEqualTo(1);
    }

    @Test
    void whileTheQueueIsFullNothingIsReadAndNothingIsLost() throws Exception {
        outputFull.set(true);
        start("127.0.0.1", 4);
        Socket router = connect("127.0.0.1");
        router.getOutputStream().write(Captures.bytes(Captures.LOC_RIB));

        Thread.sleep(600); // three of the station's ticks
        assertThat(written).isEmpty();
        assertThat(counters.bytesRead.sum()).isZero();

        outputFull.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> written.size() == 4);
        assertThat(counters.pauses.sum()).isEqualTo(1);
    }
}
