package org.bwnetflow.connect.bmp.source.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.EnumSet;
import java.util.List;
import org.bwnetflow.connect.bmp.decode.AsPathSegment;
import org.bwnetflow.connect.bmp.decode.BmpMessageType;
import org.bwnetflow.connect.bmp.decode.MalformedBmpException;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.RibCodec;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.source.Captures;
import org.bwnetflow.connect.bmp.source.rib.RecordingWriter;
import org.bwnetflow.connect.bmp.source.rib.RibCounters;
import org.bwnetflow.connect.bmp.source.rib.RibKeeper;
import org.bwnetflow.connect.bmp.source.rib.RouterRib;
import org.bwnetflow.connect.bmp.source.rib.RouterWatch;
import org.bwnetflow.connect.bmp.source.rib.TombstoneCause;
import org.junit.jupiter.api.Test;

/** Real gobgpd sessions (the captures) through a session into the RIB: the records and tombstones they make. */
class RouterSessionTest {

    private static final long NOW = 1_765_000_000_000L;

    private final RecordingWriter writer = new RecordingWriter();
    private final RibCounters ribCounters = new RibCounters();
    private final StationCounters counters = new StationCounters();
    private final RibKeeper keeper = new RibKeeper(EnumSet.of(RibTable.ADJ_RIB_IN_PRE_POLICY,
            RibTable.ADJ_RIB_IN_POST_POLICY, RibTable.LOC_RIB), 60_000, writer, ribCounters, RouterWatch.NONE);

    private RouterSession session(String router) throws Exception {
        RouterRib rib = keeper.sessionStarted(InetAddress.getByName(router), NOW);
        return new RouterSession(rib, keeper, counters, () -> NOW, 1 << 20, 16);
    }

    private static void feed(RouterSession session, byte[] stream, int pieceBytes) throws MalformedBmpException {
        for (int at = 0; at < stream.length; at += pieceBytes) {
            session.accept(stream, at, Math.min(pieceBytes, stream.length - at));
        }
    }

    @Test
    void theLocRibCaptureWritesEachRouteGobgpWasGivenAndATombstoneForTheOneWithdrawn() throws Exception {
        RouterSession session = session("192.0.2.99");
        feed(session, Captures.bytes(Captures.LOC_RIB), 7); // TCP may cut the stream anywhere

        assertThat(writer.lines).containsExactly(
                "+ 192.0.2.99 LOC_RIB peer - 198.51.100.0/24",
                "+ 192.0.2.99 LOC_RIB peer - 2001:db8:1:0:0:0:0:0/48",
                "+ 192.0.2.99 LOC_RIB peer - 203.0.113.0/24",
                "- 192.0.2.99 LOC_RIB peer - 203.0.113.0/24 WITHDRAWN");
        // the values are what gobgpd was given, and they survive the RIB topic's encoding
        Route first = RibCodec.decodeRoute(RibCodec.encodeRoute(writer.routes.get(0)));
        assertThat(first.asPath()).containsExactly(new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {65001, 4_200_000_001L}));
        assertThat(first.nextHop()).containsExactly(10, 0, 0, 1);
        assertThat(first.med()).isEqualTo(50);
        assertThat(first.localPref()).isEqualTo(200);
        assertThat(first.communities()).containsExactly(65000L << 16 | 100, 65000L << 16 | 200);
        assertThat(first.largeCommunities()).containsExactly(4_200_000_000L, 1, 2);
        assertThat(first.peerAs()).isEqualTo(65000);
        assertThat(first.peerBgpId()).isEqualTo(0xC0000201L);
        assertThat(first.timeMonitored()).isEqualTo(NOW);
        assertThat(writer.routes.get(1).nextHop()).hasSize(16);
        // each record's offset is the message count of the session when it was made: Initiation was message 1
        assertThat(writer.offsets).containsExactly(2L, 3L, 4L, 5L);
        assertThat(session.rib().routesHeld()).isEqualTo(2);
        assertThat(counters.messages(BmpMessageType.INITIATION).sum()).isEqualTo(1);
        assertThat(counters.messages(BmpMessageType.ROUTE_MONITORING).sum()).isEqualTo(4);
        assertThat(ribCounters.announced.sum()).isEqualTo(3);
        assertThat(ribCounters.withdrawn.sum()).isEqualTo(1);
        assertThat(ribCounters.tombstones(TombstoneCause.WITHDRAWN).sum()).isEqualTo(1);
    }

    @Test
    void thePeerCaptureWritesEveryTableAndPeerDownTombstonesWhatThePeerStillHad() throws Exception {
        RouterSession session = session("127.0.0.1");
        feed(session, Captures.bytes(Captures.PEER), 1000);
        keeper.expire(NOW); // the station writes the tombstones of a Peer Down as its queue has room

        assertThat(writer.lines).containsExactly(
                "+ 127.0.0.1 ADJ_RIB_IN_PRE_POLICY peer 127.0.0.2 198.51.100.0/24",
                "+ 127.0.0.1 ADJ_RIB_IN_PRE_POLICY peer 127.0.0.2 2001:db8:2:0:0:0:0:0/48",
                "+ 127.0.0.1 ADJ_RIB_IN_POST_POLICY peer 127.0.0.2 2001:db8:2:0:0:0:0:0/48",
                "+ 127.0.0.1 LOC_RIB peer - 2001:db8:2:0:0:0:0:0/48",
                "- 127.0.0.1 ADJ_RIB_IN_PRE_POLICY peer 127.0.0.2 198.51.100.0/24 WITHDRAWN",
                "- 127.0.0.1 ADJ_RIB_IN_POST_POLICY peer 127.0.0.2 2001:db8:2:0:0:0:0:0/48 WITHDRAWN",
                "- 127.0.0.1 LOC_RIB peer - 2001:db8:2:0:0:0:0:0/48 WITHDRAWN",
                // gobgpd never withdrew the IPv6 route before policy: Peer Down does
                "- 127.0.0.1 ADJ_RIB_IN_PRE_POLICY peer 127.0.0.2 2001:db8:2:0:0:0:0:0/48 PEER_DOWN");
        assertThat(writer.routes.get(0).peerAs()).isEqualTo(65001);
        assertThat(writer.routes.get(0).flatAsPath()).containsExactly(65001, 64512, 4_200_000_001L);
        assertThat(session.rib().routesHeld()).isZero();
        assertThat(counters.messages(BmpMessageType.PEER_UP).sum()).isEqualTo(1);
        assertThat(counters.messages(BmpMessageType.PEER_DOWN).sum()).isEqualTo(1);
    }

    @Test
    void peerDownTombstonesEveryRouteOfThatPeerInEveryTableButNotTheLocRib() throws Exception {
        List<byte[]> messages = Captures.messages(Captures.PEER);
        byte[] peerDown = messages.get(messages.size() - 1);
        assertThat(Captures.type(peerDown)).isEqualTo(BmpMessageType.PEER_DOWN.code());
        RouterSession session = session("127.0.0.1");
        feed(session, Captures.join(messages.subList(0, 6)), 1 << 16); // up to the routes, none withdrawn
        assertThat(writer.take()).hasSize(4);

        feed(session, peerDown, 1 << 16);
        assertThat(session.rib().routesHeld()).isEqualTo(1);
        assertThat(keeper.pendingTombstones()).isEqualTo(3);
        keeper.expire(NOW);

        // the Loc-RIB is the router's own table (its key has no peer): the router withdraws from it itself
        assertThat(writer.take()).containsExactlyInAnyOrder(
                "- 127.0.0.1 ADJ_RIB_IN_PRE_POLICY peer 127.0.0.2 198.51.100.0/24 PEER_DOWN",
                "- 127.0.0.1 ADJ_RIB_IN_PRE_POLICY peer 127.0.0.2 2001:db8:2:0:0:0:0:0/48 PEER_DOWN",
                "- 127.0.0.1 ADJ_RIB_IN_POST_POLICY peer 127.0.0.2 2001:db8:2:0:0:0:0:0/48 PEER_DOWN");
        assertThat(session.rib().routesHeld()).isEqualTo(1);
        assertThat(ribCounters.tombstones(TombstoneCause.PEER_DOWN).sum()).isEqualTo(3);
    }

    @Test
    void tablesNotConfiguredAreReadButNotPublished() throws Exception {
        RibKeeper locRibOnly = new RibKeeper(EnumSet.of(RibTable.LOC_RIB), 60_000, writer, ribCounters, RouterWatch.NONE);
        RouterRib rib = locRibOnly.sessionStarted(InetAddress.getByName("127.0.0.1"), NOW);
        feed(new RouterSession(rib, locRibOnly, counters, () -> NOW, 1 << 20, 16), Captures.bytes(Captures.PEER), 100);

        assertThat(writer.lines).containsExactly(
                "+ 127.0.0.1 LOC_RIB peer - 2001:db8:2:0:0:0:0:0/48",
                "- 127.0.0.1 LOC_RIB peer - 2001:db8:2:0:0:0:0:0/48 WITHDRAWN");
    }

    @Test
    void aStreamThatIsNotBmpIsMalformedAndWritesNothing() throws Exception {
        RouterSession session = session("192.0.2.99");
        byte[] http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> session.accept(http, 0, http.length)).isInstanceOf(MalformedBmpException.class);
        assertThat(writer.lines).isEmpty();
    }

    @Test
    void terminationEndsTheSession() throws Exception {
        RouterSession session = session("192.0.2.99");
        byte[] termination = {3, 0, 0, 0, 6, 5};

        session.accept(termination, 0, termination.length);

        assertThat(session.terminated()).isTrue();
        assertThat(counters.messages(BmpMessageType.TERMINATION).sum()).isEqualTo(1);
    }
}
