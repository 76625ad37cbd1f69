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

    private static byte[] capture() throws Exception {
        try (InputStream in = GobgpCaptureTest.class.getResourceAsStream("/captures/gobgp-3.10-locrib.bmp")) {
            return in.readAllBytes();
        }
    }

    @Test
    void theLocRibRoutesGivenToGobgpComeOutAsTheyWentIn() throws Exception {
        byte[] stream = capture();
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
