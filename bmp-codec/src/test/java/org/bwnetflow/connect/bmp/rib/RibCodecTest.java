package org.bwnetflow.connect.bmp.rib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.List;
import org.bwnetflow.connect.bmp.decode.AsPathSegment;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.proto.BgpRouteProto;
import org.junit.jupiter.api.Test;

class RibCodecTest {

    private static final byte[] ROUTER = {127, 0, 0, 2};
    private static final byte[] PEER = {(byte) 192, 0, 2, 1};

    private static RouteKey key(long pathId) {
        return new RouteKey(ROUTER, RibTable.ADJ_RIB_IN_POST_POLICY, PEER, 0, new byte[] {(byte) 198, 51, 100, 0}, 24, pathId);
    }

    private static Route route() {
        return new Route(4_200_000_001L, 0xC0000201L, 0,
                List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {64500, 4_200_000_001L, 65001}),
                        new AsPathSegment(AsPathSegment.AS_SET, new long[] {64510, 64511})),
                new byte[] {(byte) 192, 0, 2, 1}, 10, -1, new long[] {0xFDE8_0001L, 0xFFFF_029AL},
                new long[] {4_200_000_001L, 1, 2}, 1_765_000_000_000L, 1_765_000_000_123L);
    }

    @Test
    void aKeyIsReadByProtocsClassAsWritten() throws Exception {
        BgpRouteProto.RouteKey parsed = BgpRouteProto.RouteKey.parseFrom(RibCodec.encodeKey(key(7)));
        assertArrayEquals(ROUTER, parsed.getRouter().toByteArray());
        assertEquals(BgpRouteProto.RibTable.ADJ_RIB_IN_POST_POLICY, parsed.getTable());
        assertArrayEquals(PEER, parsed.getPeerAddress().toByteArray());
        assertEquals(24, parsed.getPrefixLength());
        assertEquals(7, parsed.getPathId());
    }

    @Test
    void keysAreTheBytesProtocWritesSoCompactionSeesEqualKeysAsEqual() throws Exception {
        for (RibTable table : RibTable.values()) {
            RouteKey key = new RouteKey(ROUTER, table, table == RibTable.LOC_RIB ? new byte[0] : PEER, 65000L << 32 | 1,
                    new byte[16], 0, 0);
            BgpRouteProto.RouteKey proto = BgpRouteProto.RouteKey.newBuilder()
                    .setRouter(ByteString.copyFrom(key.router()))
                    .setTableValue(table.ordinal())
                    .setPeerAddress(ByteString.copyFrom(key.peerAddress()))
                    .setPeerDistinguisher(key.peerDistinguisher())
                    .setPrefix(ByteString.copyFrom(key.prefix()))
                    .build();
            assertArrayEquals(proto.toByteArray(), RibCodec.encodeKey(key), table.name());
            assertEquals(key, RibCodec.decodeKey(proto.toByteArray()));
        }
        assertEquals(RibTable.values().length, BgpRouteProto.RibTable.values().length - 1, "one enum value per table (+ UNRECOGNIZED)");
    }

    @Test
    void aRouteRoundTripsAndProtocReadsEveryAttribute() throws Exception {
        byte[] bytes = RibCodec.encodeRoute(route());
        assertEquals(route(), RibCodec.decodeRoute(bytes));
        BgpRouteProto.Route parsed = BgpRouteProto.Route.parseFrom(bytes);
        assertEquals(4_200_000_001L, Integer.toUnsignedLong(parsed.getPeerAs()));
        assertEquals(2, parsed.getAsPathCount());
        assertEquals(List.of(64510, 64511), parsed.getAsPath(1).getAsnsList());
        assertEquals(1, parsed.getAsPath(1).getType());
        assertEquals(10, parsed.getMed());
        assertTrue(!parsed.hasLocalPref(), "an absent LOCAL_PREF stays absent");
        assertEquals(List.of(0xFDE8_0001, 0xFFFF_029A), parsed.getCommunitiesList());
        assertEquals(3, parsed.getLargeCommunitiesCount());
        assertEquals(1_765_000_000_123L, parsed.getTimeMonitored());
        assertArrayEquals(parsed.toByteArray(), bytes, "the same bytes as protoc's writer");
    }

    @Test
    void unpackedRepeatedValuesFromAnotherWriterAreRead() {
        // field 8 (communities) as two unpacked varints, then an unknown field 99 (varint)
        byte[] bytes = {0x40, 0x05, 0x40, 0x06, (byte) 0x98, 0x06, 0x01};
        Route read = RibCodec.decodeRoute(bytes);
        assertArrayEquals(new long[] {5, 6}, read.communities());
    }

    @Test
    void theFlatPathKeepsSequencesAndSetsInOrder() {
        assertArrayEquals(new long[] {64500, 4_200_000_001L, 65001, 64510, 64511}, route().flatAsPath());
    }

    @Test
    void badKeysNameWhatIsWrong() {
        byte[] threeByteRouter = {0x0A, 0x03, 1, 2, 3};
        assertTrue(assertThrows(MalformedRibRecordException.class, () -> RibCodec.decodeKey(threeByteRouter)).getMessage()
                .contains("Router has 3 bytes"));
        byte[] longPrefix = RibCodec.encodeKey(new RouteKey(ROUTER, RibTable.LOC_RIB, new byte[0], 0, new byte[4], 32, 0));
        longPrefix[longPrefix.length - 1] = 33;
        assertTrue(assertThrows(MalformedRibRecordException.class, () -> RibCodec.decodeKey(longPrefix)).getMessage()
                .contains("prefix length 33"));
        assertThrows(MalformedRibRecordException.class, () -> RibCodec.decodeKey(new byte[] {0x0A, 0x7F}));
        assertThrows(MalformedRibRecordException.class, () -> RibCodec.decodeRoute(new byte[] {0x4A, 0x02, 0x01, 0x02}));
    }
}
