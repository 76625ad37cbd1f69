package org.bwnetflow.connect.enrich.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bwnetflow.connect.bmp.decode.AsPathSegment;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.junit.jupiter.api.Test;

class RibStateTest {

    private static final byte[] ROUTER_A = {127, 0, 0, 11};
    private static final byte[] ROUTER_B = {127, 0, 0, 12};
    private static final byte[] PEER_1 = {127, 0, 1, 1};
    private static final byte[] PEER_2 = {127, 0, 1, 2};

    private static RouteKey key(byte[] router, RibTable table, byte[] peer, int a, int b, int c, int length) {
        return new RouteKey(router, table, peer, 0, new byte[] {(byte) a, (byte) b, (byte) c, 0}, length, 0);
    }

    private static Route route(long... path) {
        return new Route(path[0], 1, 0, List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, path)), new byte[] {127, 0, 1, 1},
                -1, -1, new long[] {65000L << 16 | 100}, new long[0], 0, 0);
    }

    private static long originOf(RoutesSnapshot snapshot, byte[] router, int a, int b, int c, int d) {
        RoutesSnapshot.RouterTable table = snapshot.router(router);
        int id = table == null ? 0 : table.ranges().lookup(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        return snapshot.attributes().originAs(id);
    }

    @Test
    void eachRouterHasItsOwnTableAndTheMostPreferredTableWithRoutesIsUsed() {
        RibState state = new RibState(List.of(RibTable.LOC_RIB, RibTable.ADJ_RIB_IN_POST_POLICY));
        state.apply(key(ROUTER_A, RibTable.ADJ_RIB_IN_POST_POLICY, PEER_1, 198, 51, 0, 16), route(65001, 65100));
        state.apply(key(ROUTER_B, RibTable.ADJ_RIB_IN_POST_POLICY, PEER_1, 198, 51, 0, 16), route(65001, 65200));
        state.apply(key(ROUTER_A, RibTable.ADJ_RIB_IN_PRE_POLICY, PEER_1, 203, 0, 113, 24), route(65001, 65300));
        RoutesSnapshot first = state.publish(1);
        assertThat(originOf(first, ROUTER_A, 198, 51, 7, 7)).isEqualTo(65100);
        assertThat(originOf(first, ROUTER_B, 198, 51, 7, 7)).isEqualTo(65200);
        assertThat(originOf(first, ROUTER_A, 203, 0, 113, 1)).as("pre-policy is not among the tables").isZero();
        assertThat(first.router(ROUTER_A).table()).isEqualTo(RibTable.ADJ_RIB_IN_POST_POLICY);

        state.apply(new RouteKey(ROUTER_A, RibTable.LOC_RIB, new byte[0], 0, new byte[] {(byte) 198, 51, 100, 0}, 24, 0),
                route(65002, 65400));
        RoutesSnapshot second = state.publish(2);
        assertThat(second.router(ROUTER_A).table()).as("Loc-RIB preferred once it has routes").isEqualTo(RibTable.LOC_RIB);
        assertThat(originOf(second, ROUTER_A, 198, 51, 100, 1)).isEqualTo(65400);
        assertThat(originOf(second, ROUTER_A, 198, 51, 7, 7)).as("only the Loc-RIB's routes").isZero();
        assertThat(originOf(first, ROUTER_A, 198, 51, 7, 7)).as("a published snapshot never changes").isEqualTo(65100);
        assertThat(state.routes()).isEqualTo(3);
    }

    @Test
    void tombstonesRemoveOnlyTheirPeersRoute() {
        RibState state = new RibState(List.of(RibTable.ADJ_RIB_IN_POST_POLICY));
        state.apply(key(ROUTER_A, RibTable.ADJ_RIB_IN_POST_POLICY, PEER_1, 192, 0, 2, 24), route(65001, 64496));
        state.apply(key(ROUTER_A, RibTable.ADJ_RIB_IN_POST_POLICY, PEER_2, 192, 0, 2, 24), route(65002, 65003, 64496));
        assertThat(state.publish(1).attributes().neighbourAs(state.publish(1).router(ROUTER_A).ranges()
                .lookup(new byte[] {(byte) 192, 0, 2, 9}))).as("the shorter path").isEqualTo(65001);
        state.apply(key(ROUTER_A, RibTable.ADJ_RIB_IN_POST_POLICY, PEER_1, 192, 0, 2, 24), null);
        RoutesSnapshot after = state.publish(2);
        assertThat(after.attributes().neighbourAs(after.router(ROUTER_A).ranges().lookup(new byte[] {(byte) 192, 0, 2, 9})))
                .isEqualTo(65002);
        state.apply(key(ROUTER_A, RibTable.ADJ_RIB_IN_POST_POLICY, PEER_2, 192, 0, 2, 24), null);
        assertThat(state.publish(3).router(ROUTER_A)).as("a router without routes has no table").isNull();
        assertThat(state.routes()).isZero();
        assertThat(state.attributeSets()).isZero();
    }

    @Test
    void aFreedAttributeNumberIsNotReusedWhileAnEarlierSnapshotMayStillBeRead() {
        RibState state = new RibState(List.of(RibTable.LOC_RIB));
        RouteKey k1 = new RouteKey(ROUTER_A, RibTable.LOC_RIB, new byte[0], 0, new byte[] {10, 0, 0, 0}, 8, 0);
        RouteKey k2 = new RouteKey(ROUTER_A, RibTable.LOC_RIB, new byte[0], 0, new byte[] {11, 0, 0, 0}, 8, 0);
        state.apply(k1, route(65001, 65100));
        RoutesSnapshot old = state.publish(1);
        state.apply(k1, null);
        state.apply(k2, route(65009, 65900));
        state.publish(2);
        state.apply(new RouteKey(ROUTER_A, RibTable.LOC_RIB, new byte[0], 0, new byte[] {12, 0, 0, 0}, 8, 0), route(65008, 65800));
        assertThat(originOf(old, ROUTER_A, 10, 1, 1, 1)).as("the old snapshot still reads its own attributes").isEqualTo(65100);
        assertThat(old.attributes().get(old.router(ROUTER_A).ranges().lookup(new byte[] {10, 1, 1, 1})).asPath())
                .containsExactly(65001, 65100);
    }
}
