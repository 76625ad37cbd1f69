package org.bwnetflow.connect.bmp.source.rib;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.bwnetflow.connect.bmp.source.Captures;
import org.bwnetflow.connect.bmp.source.session.RouterSession;
import org.bwnetflow.connect.bmp.source.session.StationCounters;
import org.junit.jupiter.api.Test;

/** When routes get tombstones once sessions end: the grace, a reconnect within it, mark and sweep, a task restart. */
class RibKeeperTest {

    private static final long GRACE = 60_000;
    private static final String V4 = "192.0.2.99 LOC_RIB peer - 198.51.100.0/24";
    private static final String V6 = "192.0.2.99 LOC_RIB peer - 2001:db8:1:0:0:0:0:0/48";

    private final RecordingWriter writer = new RecordingWriter();
    private final RibCounters counters = new RibCounters();
    private final List<String> watched = new ArrayList<>();
    private final RibKeeper keeper = new RibKeeper(EnumSet.of(RibTable.LOC_RIB), GRACE, writer, counters,
            new RouterWatch() {
                @Override
                public void added(RouterRib router) {
                    watched.add("added " + router.name());
                }

                @Override
                public void removed(RouterRib router) {
                    watched.add("removed " + router.name());
                }
            });
    private final InetAddress router = address("192.0.2.99");
    /** The Loc-RIB capture: Initiation, then routes V4, V6, 203.0.113.0/24 and that one's withdrawal. */
    private final List<byte[]> locRib = Captures.messages(Captures.LOC_RIB);

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private RouterRib session(long now, List<byte[]> messages) throws Exception {
        RouterRib rib = keeper.sessionStarted(router, now);
        RouterSession session = new RouterSession(rib, keeper, new StationCounters(), () -> now, 1 << 20, 16);
        byte[] stream = Captures.join(messages);
        session.accept(stream, 0, stream.length);
        return rib;
    }

    @Test
    void aRouterGoneLongerThanTheGraceLosesAllItsRoutes() throws Exception {
        RouterRib rib = session(1000, locRib);
        writer.take();
        keeper.sessionEnded(rib, 2000);

        keeper.expire(2000 + GRACE - 1);
        assertThat(writer.take()).isEmpty();

        keeper.expire(2000 + GRACE);
        assertThat(writer.take()).containsExactlyInAnyOrder("- " + V4 + " SESSION_END", "- " + V6 + " SESSION_END");
        assertThat(keeper.router(router.getHostAddress())).isNull();
        assertThat(watched).containsExactly("added 192.0.2.99", "removed 192.0.2.99");
        assertThat(counters.tombstones(TombstoneCause.SESSION_END).sum()).isEqualTo(2);
    }

    @Test
    void aRouterBackWithinTheGraceKeepsWhatItAnnouncesAgainAndLosesTheRestLater() throws Exception {
        RouterRib first = session(1000, locRib);
        keeper.sessionEnded(first, 2000);
        writer.take();

        // back after half the grace, announcing V4 only (no End-of-RIB: gobgpd's Loc-RIB sends none)
        RouterRib second = session(2000 + GRACE / 2, locRib.subList(0, 2));
        assertThat(second).isSameAs(first);
        assertThat(writer.take()).containsExactly("+ " + V4);
        keeper.expire(2000 + GRACE); // the old session's grace is over: nothing, the router is back
        assertThat(writer.take()).isEmpty();

        keeper.expire(2000 + GRACE / 2 + GRACE); // the new session's initial dump is over
        assertThat(writer.take()).containsExactly("- " + V6 + " NOT_REANNOUNCED");
        assertThat(second.routesHeld()).isEqualTo(1);
        assertThat(second.epoch()).isEqualTo(2000 + GRACE / 2);
    }

    @Test
    void aRouterThatAnnouncesEverythingAgainLosesNothing() throws Exception {
        RouterRib first = session(1000, locRib);
        keeper.sessionEnded(first, 2000);
        writer.take();

        session(3000, locRib);
        keeper.expire(3000 + 10 * GRACE);

        assertThat(writer.take()).containsExactly("+ " + V4, "+ " + V6, "+ 192.0.2.99 LOC_RIB peer - 203.0.113.0/24",
                "- 192.0.2.99 LOC_RIB peer - 203.0.113.0/24 WITHDRAWN");
    }

    @Test
    void endOfRibSweepsAtOnceWhenItEndsTheOnlyFamilyStillStale() throws Exception {
        RouterRib first = session(1000, locRib);
        keeper.sessionEnded(first, 2000);
        writer.take();

        session(3000, List.of(locRib.get(0), locRib.get(1), Captures.endOfRib(locRib.get(1))));
        keeper.expire(3000);

        assertThat(writer.take()).containsExactly("+ " + V4, "- " + V6 + " NOT_REANNOUNCED");
        assertThat(counters.endOfRibs.sum()).isEqualTo(1);
    }

    @Test
    void endOfRibWaitsForOneMarkerPerFamilyStillStale() throws Exception {
        RouterRib first = session(1000, locRib);
        keeper.sessionEnded(first, 2000);
        writer.take();
        byte[] endOfRib = Captures.endOfRib(locRib.get(1));

        // nothing announced again yet: IPv4 and IPv6 routes are stale, and a marker does not say its family
        RouterRib rib = session(3000, List.of(locRib.get(0), endOfRib));
        keeper.expire(3000);
        assertThat(writer.take()).isEmpty();

        RouterSession same = new RouterSession(rib, keeper, new StationCounters(), () -> 3000, 1 << 20, 16);
        same.accept(endOfRib, 0, endOfRib.length);
        keeper.expire(3000);
        assertThat(writer.take()).containsExactlyInAnyOrder("- " + V4 + " NOT_REANNOUNCED", "- " + V6 + " NOT_REANNOUNCED");
    }

    @Test
    void routesReadBackAtStartAreSweptLikeThoseOfARouterThatReconnected() throws Exception {
        RouteKey gone = new RouteKey(router.getAddress(), RibTable.LOC_RIB, new byte[0], 0, new byte[] {(byte) 192, 0, 2, 0},
                24, 0);
        RouteKey kept = new RouteKey(router.getAddress(), RibTable.LOC_RIB, new byte[0], 0,
                new byte[] {(byte) 198, 51, 100, 0}, 24, 0);
        keeper.restore(Map.of(router, RouteKeys.of(Set.of(gone, kept))), 1000);
        assertThat(counters.restoredRoutes.sum()).isEqualTo(2);

        session(1500, locRib.subList(0, 2));
        keeper.expire(1500 + GRACE);

        assertThat(writer.take()).containsExactly("+ " + V4, "- 192.0.2.99 LOC_RIB peer - 192.0.2.0/24 NOT_REANNOUNCED");
    }

    @Test
    void routesReadBackOfARouterThatNeverReturnsGoAfterTheGrace() {
        RouteKey key = new RouteKey(router.getAddress(), RibTable.LOC_RIB, new byte[0], 0, new byte[4], 0, 0);
        keeper.restore(Map.of(router, RouteKeys.of(Set.of(key))), 1000);

        keeper.expire(1000 + GRACE);

        assertThat(writer.take()).containsExactly("- 192.0.2.99 LOC_RIB peer - 0.0.0.0/0 SESSION_END");
        assertThat(keeper.routers()).isZero();
    }

    @Test
    void eachSessionHasALaterEpochAndCountsItsOwnMessages() throws Exception {
        RouterRib rib = session(5000, locRib);
        assertThat(rib.messages()).isEqualTo(5);
        keeper.sessionEnded(rib, 5000);

        session(5000, locRib.subList(0, 1)); // the same millisecond: the epoch still grows

        assertThat(rib.epoch()).isEqualTo(5001);
        assertThat(rib.messages()).isEqualTo(1);
    }

    @Test
    void tombstonesOfRoutesGoneTogetherAreWrittenAsTheStationAllowsAndARouteBackMeanwhileKeepsItsRecord()
            throws Exception {
        RouterRib rib = session(1000, locRib.subList(0, 4)); // V4, V6 and 203.0.113.0/24
        keeper.sessionEnded(rib, 2000);
        writer.take();

        keeper.expire(2000 + GRACE, 0); // the queue is full: the routes are doomed, nothing is written yet
        assertThat(writer.take()).isEmpty();
        assertThat(keeper.pendingTombstones()).isEqualTo(3);
        assertThat(rib.routesHeld()).isZero();

        keeper.expire(2000 + GRACE, 1);
        List<String> written = new ArrayList<>(writer.take());
        assertThat(written).hasSize(1);
        RouterRib back = session(2000 + GRACE + 1, locRib.subList(0, 3)); // V4 and V6 announced again
        keeper.expire(2000 + GRACE + 1);
        written.addAll(writer.take());

        assertThat(back).isSameAs(rib);
        // whatever the order, V4 and V6 end with their records and 203.0.113.0/24 with one tombstone
        assertThat(written.stream().filter(line -> line.contains("198.51.100.0/24")).reduce((a, b) -> b))
                .contains("+ " + V4);
        assertThat(written.stream().filter(line -> line.contains("2001:db8:1:")).reduce((a, b) -> b)).contains("+ " + V6);
        assertThat(written).filteredOn(line -> line.contains("203.0.113.0/24"))
                .containsExactly("- 192.0.2.99 LOC_RIB peer - 203.0.113.0/24 SESSION_END");
        assertThat(keeper.pendingTombstones()).isZero();
        assertThat(rib.routesHeld()).isEqualTo(2);
        assertThat(keeper.router(router.getHostAddress())).isNotNull();
    }
}
