package org.bwnetflow.connect.bmp.source.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bwnetflow.connect.bmp.decode.AsPathSegment;
import org.bwnetflow.connect.bmp.decode.BgpUpdate;
import org.bwnetflow.connect.bmp.decode.OpenMessage;
import org.bwnetflow.connect.bmp.decode.PathAttributes;
import org.bwnetflow.connect.bmp.decode.PeerHeader;
import org.bwnetflow.connect.bmp.decode.PeerUp;
import org.bwnetflow.connect.bmp.decode.Prefix;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.junit.jupiter.api.Test;

class LocalAsPrependTest {

    private static final long ROUTER_AS = 65_100;
    private static final long PEER_AS = 65_001;

    private static PeerHeader peer(RibTable table, long peerAs) {
        return new PeerHeader(0, 0, new byte[] {127, 0, 0, 62}, peerAs, 1, 0, table, false, false);
    }

    private static PeerUp up(long localAs) {
        OpenMessage sent = new OpenMessage(localAs, 180, 1, true, new int[0]);
        return new PeerUp(peer(RibTable.ADJ_RIB_IN_PRE_POLICY, PEER_AS), new byte[] {127, 0, 0, 61}, 179, 179, sent, sent);
    }

    private static BgpUpdate update(long... path) {
        PathAttributes attributes = new PathAttributes(0, List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, path)), null, null,
                -1, -1, new long[0], new long[0]);
        return new BgpUpdate(List.of(), List.of(new Prefix(new byte[] {(byte) 198, 51, 100, 0}, 24, 0)), attributes, 0);
    }

    @Test
    void theRoutersOwnAsBeforeAnEbgpPeersAsIsTakenOff() {
        BgpUpdate reported = update(ROUTER_AS, PEER_AS, 64_512, 4_200_000_001L);
        for (RibTable table : List.of(RibTable.ADJ_RIB_IN_PRE_POLICY, RibTable.ADJ_RIB_IN_POST_POLICY)) {
            BgpUpdate received = LocalAsPrepend.undo(peer(table, PEER_AS), up(ROUTER_AS), reported);
            assertThat(received.attributes().asPath().get(0).asns()).containsExactly(PEER_AS, 64_512, 4_200_000_001L);
            assertThat(received.announced()).isEqualTo(reported.announced());
        }
    }

    @Test
    void pathsAsTheyShouldBeAndOtherTablesAreLeftAlone() {
        BgpUpdate correct = update(PEER_AS, 64_512);
        assertThat(LocalAsPrepend.undo(peer(RibTable.ADJ_RIB_IN_PRE_POLICY, PEER_AS), up(ROUTER_AS), correct)).isSameAs(correct);
        BgpUpdate prepended = update(ROUTER_AS, PEER_AS, 64_512);
        assertThat(LocalAsPrepend.undo(peer(RibTable.LOC_RIB, PEER_AS), up(ROUTER_AS), prepended)).as("Loc-RIB").isSameAs(prepended);
        assertThat(LocalAsPrepend.undo(peer(RibTable.ADJ_RIB_IN_PRE_POLICY, PEER_AS), null, prepended)).as("no Peer Up")
                .isSameAs(prepended);
        BgpUpdate ibgp = update(ROUTER_AS, ROUTER_AS, 64_512);
        assertThat(LocalAsPrepend.undo(peer(RibTable.ADJ_RIB_IN_PRE_POLICY, ROUTER_AS), up(ROUTER_AS), ibgp)).as("iBGP")
                .isSameAs(ibgp);
        BgpUpdate otherFirst = update(ROUTER_AS, 64_999, 64_512);
        assertThat(LocalAsPrepend.undo(peer(RibTable.ADJ_RIB_IN_PRE_POLICY, PEER_AS), up(ROUTER_AS), otherFirst))
                .as("not followed by the peer's AS").isSameAs(otherFirst);
    }
}
