package org.bwnetflow.connect.bmp.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.bmp.decode.UpdateBytes.asPath;
import static org.bwnetflow.connect.bmp.decode.UpdateBytes.bytes;
import static org.bwnetflow.connect.bmp.decode.UpdateBytes.concat;
import static org.bwnetflow.connect.bmp.decode.UpdateBytes.prefix;
import static org.bwnetflow.connect.bmp.decode.UpdateBytes.withPathId;
import static org.bwnetflow.connect.bmp.decode.UpdateBytes.words;

import java.util.List;
import org.junit.jupiter.api.Test;

class BgpUpdateParserTest {

    private static final int WELL_KNOWN = 0x40;
    private static final int OPTIONAL = 0xC0;
    private final BgpUpdateParser fourByte = new BgpUpdateParser(false, false, false);

    private static BgpUpdate parse(BgpUpdateParser parser, byte[] message) throws MalformedBmpException {
        return parser.parse(message, 0, message.length);
    }

    private static Prefix v4(int bits, int a, int b, int c, int d) {
        return new Prefix(bytes(a, b, c, d), bits, 0);
    }

    @Test
    void anIpv4UpdateWithEveryAttributeTheRibKeeps() throws Exception {
        byte[] message = new UpdateBytes()
                .withdraw(prefix(16, 192, 0))
                .attribute(WELL_KNOWN, 1, bytes(0))
                .attribute(WELL_KNOWN, 2, concat(asPath(4, AsPathSegment.AS_SEQUENCE, 64500, 4_200_000_000L, 65010),
                        asPath(4, AsPathSegment.AS_SET, 65020, 65021)))
                .attribute(WELL_KNOWN, 3, bytes(10, 0, 0, 1))
                .attribute(0x80, 4, words(50))
                .attribute(WELL_KNOWN, 5, words(200))
                .attribute(OPTIONAL, 8, words(64500L << 16 | 100, 0xFFFF_FF01L))
                .attribute(OPTIONAL, 32, words(4_200_000_000L, 1, 2, 64500, 3, 4))
                .attribute(OPTIONAL, 99, bytes(1, 2, 3)) // unknown: skipped
                .announce(prefix(24, 198, 51, 100))
                .announce(prefix(22, 203, 0, 113)) // host bits set by the sender are dropped
                .announce(prefix(0))
                .build();

        BgpUpdate update = parse(fourByte, message);

        assertThat(update.withdrawn()).containsExactly(v4(16, 192, 0, 0, 0));
        assertThat(update.announced()).containsExactly(v4(24, 198, 51, 100, 0), v4(22, 203, 0, 112, 0), v4(0, 0, 0, 0, 0));
        PathAttributes a = update.attributes();
        assertThat(a.origin()).isZero();
        assertThat(a.asPath()).containsExactly(new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {64500, 4_200_000_000L, 65010}),
                new AsPathSegment(AsPathSegment.AS_SET, new long[] {65020, 65021}));
        assertThat(a.neighbourAs()).isEqualTo(64500);
        assertThat(a.originAs()).isZero(); // the path ends in a set
        assertThat(a.nextHopFor(update.announced().get(0))).containsExactly(10, 0, 0, 1);
        assertThat(a.med()).isEqualTo(50);
        assertThat(a.localPref()).isEqualTo(200);
        assertThat(a.communities()).containsExactly(64500L << 16 | 100, 0xFFFF_FF01L);
        assertThat(a.largeCommunities()).containsExactly(4_200_000_000L, 1, 2, 64500, 3, 4);
        assertThat(update.otherFamilies()).isZero();
    }

    @Test
    void ipv6UnicastInMpReachAndMpUnreachWithALinkLocalNextHop() throws Exception {
        byte[] global = bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        byte[] linkLocal = bytes(0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        byte[] reach = concat(bytes(0, 2, 1, 32), global, linkLocal, bytes(0), prefix(48, 0x20, 0x01, 0x0d, 0xb8, 0, 1),
                prefix(128, 0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9));
        byte[] unreach = concat(bytes(0, 2, 1), prefix(32, 0x20, 0x01, 0x0d, 0xb9));
        byte[] message = new UpdateBytes()
                .attribute(WELL_KNOWN, 1, bytes(2))
                .attribute(WELL_KNOWN, 2, asPath(4, AsPathSegment.AS_SEQUENCE, 65001, 65002))
                .attribute(0x80, 14, reach)
                .attribute(0x80, 15, unreach)
                .build();

        BgpUpdate update = parse(fourByte, message);

        assertThat(update.announced()).hasSize(2);
        assertThat(update.announced().get(0).toString()).isEqualTo("2001:db8:1:0:0:0:0:0/48");
        assertThat(update.announced().get(1).toString()).isEqualTo("2001:db8:2:0:0:0:0:9/128");
        assertThat(update.withdrawn()).extracting(Prefix::toString).containsExactly("2001:db9:0:0:0:0:0:0/32");
        assertThat(update.attributes().nextHopFor(update.announced().get(0))).isEqualTo(global);
        assertThat(update.attributes().originAs()).isEqualTo(65002);
    }

    @Test
    void otherFamiliesAreSkippedAndCounted() throws Exception {
        byte[] vpnReach = concat(bytes(0, 1, 128, 12), new byte[12], bytes(0), bytes(88, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        byte[] message = new UpdateBytes().attribute(0x80, 14, vpnReach).attribute(0x80, 15, bytes(0, 1, 133)).build();
        BgpUpdate update = parse(fourByte, message);
        assertThat(update.announced()).isEmpty();
        assertThat(update.otherFamilies()).isEqualTo(2);
    }

    @Test
    void addPathIdentifiersKeepRoutesOfOnePrefixApart() throws Exception {
        BgpUpdateParser addPath = new BgpUpdateParser(false, true, true);
        byte[] message = new UpdateBytes()
                .withdraw(withPathId(7, prefix(24, 10, 1, 2)))
                .attribute(WELL_KNOWN, 3, bytes(10, 0, 0, 2))
                .announce(withPathId(1, prefix(24, 198, 51, 100)))
                .announce(withPathId(2, prefix(24, 198, 51, 100)))
                .build();
        BgpUpdate update = parse(addPath, message);
        assertThat(update.withdrawn()).containsExactly(new Prefix(bytes(10, 1, 2, 0), 24, 7));
        assertThat(update.announced()).containsExactly(new Prefix(bytes(198, 51, 100, 0), 24, 1),
                new Prefix(bytes(198, 51, 100, 0), 24, 2));
    }

    @Test
    void aTwoBytePathIsMergedWithAs4Path() throws Exception {
        BgpUpdateParser twoByte = new BgpUpdateParser(true, false, false);
        // a 2-byte speaker (65100) prepended itself to a path whose 4-byte ASes it wrote as AS_TRANS
        byte[] message = new UpdateBytes()
                .attribute(WELL_KNOWN, 2, asPath(2, AsPathSegment.AS_SEQUENCE, 65100, 23456, 23456))
                .attribute(OPTIONAL, 17, asPath(4, AsPathSegment.AS_SEQUENCE, 4_200_000_001L, 4_200_000_002L))
                .announce(prefix(24, 198, 51, 100))
                .build();
        PathAttributes a = parse(twoByte, message).attributes();
        assertThat(a.asPath()).containsExactly(new AsPathSegment(AsPathSegment.AS_SEQUENCE,
                new long[] {65100, 4_200_000_001L, 4_200_000_002L}));
        assertThat(a.originAs()).isEqualTo(4_200_000_002L);
    }

    @Test
    void aStaleAs4PathLongerThanTheAsPathIsIgnored() throws Exception {
        BgpUpdateParser twoByte = new BgpUpdateParser(true, false, false);
        byte[] message = new UpdateBytes()
                .attribute(WELL_KNOWN, 2, asPath(2, AsPathSegment.AS_SEQUENCE, 65100))
                .attribute(OPTIONAL, 17, asPath(4, AsPathSegment.AS_SEQUENCE, 4_200_000_001L, 4_200_000_002L))
                .build();
        assertThat(parse(twoByte, message).attributes().asPath())
                .containsExactly(new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {65100}));
    }

    @Test
    void everyLengthThatDoesNotFitIsMalformedNeverAnotherException() {
        byte[] good = new UpdateBytes().attribute(WELL_KNOWN, 1, bytes(0)).announce(prefix(24, 198, 51, 100)).build();
        List<byte[]> bad = List.of(
                new UpdateBytes().announce(prefix(33, 1, 2, 3, 4, 5)).build(), // 33 bits of IPv4
                new UpdateBytes().announce(prefix(24, 198, 51)).build(), // NLRI cut short
                new UpdateBytes().attribute(WELL_KNOWN, 5, bytes(1, 2)).build(), // LOCAL_PREF of 2 bytes
                new UpdateBytes().attribute(OPTIONAL, 8, bytes(1, 2, 3, 4, 5)).build(), // half a community
                new UpdateBytes().attribute(WELL_KNOWN, 2, bytes(2, 3, 0, 1)).build(), // a segment of 3 ASes in 2 bytes
                new UpdateBytes().attribute(WELL_KNOWN, 2, bytes(9, 1, 0, 0, 0, 1)).build(), // segment type 9
                new UpdateBytes().attribute(0x80, 14, bytes(0, 2, 1, 40, 1)).build()); // next hop beyond the attribute
        for (byte[] message : bad) {
            assertThatThrownBy(() -> parse(fourByte, message)).isInstanceOf(MalformedBmpException.class);
        }
        byte[] brokenMarker = good.clone();
        brokenMarker[3] = 0;
        assertThatThrownBy(() -> parse(fourByte, brokenMarker)).hasMessageContaining("marker");
        byte[] overlong = good.clone();
        overlong[17] = (byte) (good.length + 1); // declares more than it has
        assertThatThrownBy(() -> parse(fourByte, overlong)).hasMessageContaining("does not fit");
        byte[] attributeOverflow = good.clone();
        attributeOverflow[BgpUpdateParser.HEADER + 3] = 100; // total path attribute length beyond the message
        assertThatThrownBy(() -> parse(fourByte, attributeOverflow)).hasMessageContaining("path attributes");
        byte[] keepalive = good.clone();
        keepalive[18] = 4;
        assertThatThrownBy(() -> parse(fourByte, keepalive)).hasMessageContaining("type 4");
        for (int cut = 0; cut < good.length; cut++) {
            int length = cut;
            assertThatThrownBy(() -> fourByte.parse(good, 0, length)).isInstanceOf(MalformedBmpException.class);
        }
    }
}
