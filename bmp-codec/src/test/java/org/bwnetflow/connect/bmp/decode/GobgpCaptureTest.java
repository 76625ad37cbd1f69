package org.bwnetflow.connect.bmp.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The BMP stream a real gobgpd sent (captures/README.md says how it was made) frames into the
 * messages it sent and its UPDATEs parse into the routes that were given to its CLI.
 */
class GobgpCaptureTest {

    private static byte[] capture(String name) throws Exception {
        try (InputStream in = GobgpCaptureTest.class.getResourceAsStream("/captures/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aPeerComesUpItsRoutesAreMonitoredBeforeAndAfterPolicyAndInTheLocRibThenItGoesDown() throws Exception {
        byte[] stream = capture("gobgp-3.10-peer.bmp");
        BmpFraming framing = new BmpFraming(1 << 16);
        PeerUp up = null;
        List<String> seen = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int length = framing.messageLength(stream, at, stream.length - at);
            BmpMessageType type = BmpMessageType.of(BmpFraming.typeCode(stream, at));
            int bodyAt = at + BmpFraming.COMMON_HEADER;
            int bodyLength = length - BmpFraming.COMMON_HEADER;
            if (type == BmpMessageType.PEER_UP) {
                up = PeerUp.read(stream, bodyAt, bodyLength);
                seen.add("up");
            } else if (type == BmpMessageType.ROUTE_MONITORING) {
                PeerHeader peer = PeerHeader.read(stream, bodyAt, bodyLength);
                BgpUpdateParser parser = peer.table() == RibTable.LOC_RIB ? new BgpUpdateParser(false, false, false)
                        : up.adjRibInParser(peer);
                BgpUpdate update = parser.parse(stream, bodyAt + PeerHeader.LENGTH, bodyLength - PeerHeader.LENGTH);
                seen.add(peer.table() + " +" + update.announced() + " -" + update.withdrawn() + " "
                        + update.attributes().asPath());
            } else {
                seen.add(String.valueOf(type));
            }
            at += length;
        }
        assertThat(up).isNotNull();
        assertThat(up.peer().address()).containsExactly(127, 0, 0, 2);
        assertThat(up.peer().peerAs()).isEqualTo(65001);
        assertThat(up.localAddress()).containsExactly(127, 0, 0, 1);
        assertThat(up.sent().asn()).isEqualTo(65000);
        assertThat(up.received().asn()).isEqualTo(65001);
        assertThat(up.received().fourByteAs()).isTrue();
        assertThat(up.received().bgpId()).isEqualTo(0xC0000202L);
        assertThat(up.received().sendsAddPath(false)).isFalse();
        assertThat(seen).first().isEqualTo("INITIATION");
        // the neighbour (eBGP) put its own AS in front of the paths it was given; gobgpd reported the IPv4 route
        // only before policy (it kept it out of its Loc-RIB: see captures/README.md), the IPv6 route in all three
        assertThat(seen).containsExactly("INITIATION", "up",
                "ADJ_RIB_IN_PRE_POLICY +[198.51.100.0/24] -[] [65001 64512 4200000001]",
                "ADJ_RIB_IN_PRE_POLICY +[2001:db8:2:0:0:0:0:0/48] -[] [65001 64513]",
                "ADJ_RIB_IN_POST_POLICY +[2001:db8:2:0:0:0:0:0/48] -[] [65001 64513]",
                "LOC_RIB +[2001:db8:2:0:0:0:0:0/48] -[] [65001 64513]",
                "ADJ_RIB_IN_PRE_POLICY +[] -[198.51.100.0/24] []",
                "ADJ_RIB_IN_POST_POLICY +[] -[2001:db8:2:0:0:0:0:0/48] []",
                "LOC_RIB +[] -[2001:db8:2:0:0:0:0:0/48] []",
                "PEER_DOWN");
    }

    @Test
    void theLocRibRoutesGivenToGobgpComeOutAsTheyWentIn() throws Exception {
        byte[] stream = capture("gobgp-3.10-locrib.bmp");
        BmpFraming framing = new BmpFraming(1 << 16);
        BgpUpdateParser parser = new BgpUpdateParser(false, false, false);
        List<BmpMessageType> types = new ArrayList<>();
        List<BgpUpdate> updates = new ArrayList<>();
        List<PeerHeader> peers = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int length = framing.messageLength(stream, at, stream.length - at);
            BmpMessageType type = BmpMessageType.of(BmpFraming.typeCode(stream, at));
            types.add(type);
            if (type == BmpMessageType.ROUTE_MONITORING) {
                int peerAt = at + BmpFraming.COMMON_HEADER;
                peers.add(PeerHeader.read(stream, peerAt, length - BmpFraming.COMMON_HEADER));
                int bgpAt = peerAt + PeerHeader.LENGTH;
                updates.add(parser.parse(stream, bgpAt, at + length - bgpAt));
            }
            at += length;
        }

        assertThat(at).isEqualTo(stream.length);
        assertThat(types).containsExactly(BmpMessageType.INITIATION, BmpMessageType.ROUTE_MONITORING,
                BmpMessageType.ROUTE_MONITORING, BmpMessageType.ROUTE_MONITORING, BmpMessageType.ROUTE_MONITORING);
        assertThat(peers).allSatisfy(peer -> {
            assertThat(peer.table()).isEqualTo(RibTable.LOC_RIB);
            assertThat(peer.peerAs()).isEqualTo(65000);
            assertThat(peer.bgpId()).isEqualTo(0xC0000201L); // router-id 192.0.2.1
        });

        BgpUpdate first = updates.get(0);
        assertThat(first.announced()).extracting(Prefix::toString).containsExactly("198.51.100.0/24");
        PathAttributes a = first.attributes();
        assertThat(a.origin()).isZero();
        assertThat(a.asPath()).containsExactly(new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {65001, 4_200_000_001L}));
        assertThat(a.neighbourAs()).isEqualTo(65001);
        assertThat(a.originAs()).isEqualTo(4_200_000_001L);
        assertThat(a.nextHopFor(first.announced().get(0))).containsExactly(10, 0, 0, 1);
        assertThat(a.med()).isEqualTo(50);
        assertThat(a.localPref()).isEqualTo(200);
        assertThat(a.communities()).containsExactly(65000L << 16 | 100, 65000L << 16 | 200);
        assertThat(a.largeCommunities()).containsExactly(4_200_000_000L, 1, 2);

        BgpUpdate second = updates.get(1);
        assertThat(second.announced()).extracting(Prefix::toString).containsExactly("2001:db8:1:0:0:0:0:0/48");
        assertThat(second.attributes().nextHopFor(second.announced().get(0)))
                .containsExactly(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(second.attributes().originAs()).isEqualTo(65010);

        assertThat(updates.get(2).announced()).extracting(Prefix::toString).containsExactly("203.0.113.0/24");
        assertThat(updates.get(3).announced()).isEmpty();
        assertThat(updates.get(3).withdrawn()).extracting(Prefix::toString).containsExactly("203.0.113.0/24");
    }
}
