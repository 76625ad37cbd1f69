package org.bwnetflow.connect.bmp.rib;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.bmp.decode.AsPathSegment;
import org.bwnetflow.connect.bmp.decode.RibTable;

/**
 * The RIB topic's keys and values as bgp_route.proto's RouteKey and Route.
 *
 * <p>Keys are written with every field in number order, defaults left out and repeated values
 * packed, so equal keys are equal bytes: log compaction compares bytes, and a route announced
 * again by a reconnected router must replace its earlier record. Reading accepts anything
 * protobuf allows (unknown fields, unpacked repeated values) so other writers' records decode.
 */
public final class RibCodec {

    private static final RibTable[] TABLES = RibTable.values();

    private RibCodec() {
    }

    public static byte[] encodeKey(RouteKey key) {
        return write(out -> {
            bytes(out, 1, key.router());
            varint(out, 2, key.table().ordinal());
            bytes(out, 3, key.peerAddress());
            if (key.peerDistinguisher() != 0) {
                out.writeUInt64(4, key.peerDistinguisher());
            }
            bytes(out, 5, key.prefix());
            varint(out, 6, key.prefixLength());
            varint(out, 7, key.pathId());
        });
    }

    public static byte[] encodeRoute(Route route) {
        return write(out -> {
            varint(out, 1, route.peerAs());
            varint(out, 2, route.peerBgpId());
            varint(out, 3, route.origin());
            for (AsPathSegment segment : route.asPath()) {
                out.writeTag(4, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                out.writeUInt32NoTag(segmentSize(segment));
                varint(out, 1, segment.type());
                packed(out, 2, segment.asns());
            }
            bytes(out, 5, route.nextHop());
            if (route.med() >= 0) {
                out.writeUInt32(6, (int) route.med());
            }
            if (route.localPref() >= 0) {
                out.writeUInt32(7, (int) route.localPref());
            }
            packed(out, 8, route.communities());
            packed(out, 9, route.largeCommunities());
            if (route.timeReceived() != 0) {
                out.writeUInt64(10, route.timeReceived());
            }
            if (route.timeMonitored() != 0) {
                out.writeUInt64(11, route.timeMonitored());
            }
        });
    }

    /** Decodes a key; a {@link MalformedRibRecordException} names what is wrong. */
    public static RouteKey decodeKey(byte[] bytes) {
        byte[] router = new byte[0];
        byte[] peer = new byte[0];
        byte[] prefix = new byte[0];
        int table = 0;
        long distinguisher = 0;
        long length = 0;
        long pathId = 0;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (tag) {
                    case 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> router = in.readByteArray();
                    case 2 << 3 -> table = in.readEnum();
                    case 3 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> peer = in.readByteArray();
                    case 4 << 3 -> distinguisher = in.readUInt64();
                    case 5 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> prefix = in.readByteArray();
                    case 6 << 3 -> length = Integer.toUnsignedLong(in.readUInt32());
                    case 7 << 3 -> pathId = Integer.toUnsignedLong(in.readUInt32());
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException e) {
            throw new MalformedRibRecordException("not a RouteKey (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
        checkAddress("Router", router, false);
        checkAddress("PeerAddress", peer, true);
        checkAddress("Prefix", prefix, false);
        if (table < 0 || table >= TABLES.length) {
            throw new MalformedRibRecordException("RouteKey table " + table + " is not a RibTable");
        }
        if (length > prefix.length * 8L) {
            throw new MalformedRibRecordException("RouteKey prefix length " + length + " exceeds its " + prefix.length + "-byte address");
        }
        return new RouteKey(router, TABLES[table], peer, distinguisher, prefix, (int) length, pathId);
    }

    public static Route decodeRoute(byte[] bytes) {
        long peerAs = 0;
        long bgpId = 0;
        int origin = 0;
        List<AsPathSegment> path = new ArrayList<>(2);
        byte[] nextHop = new byte[0];
        long med = -1;
        long localPref = -1;
        LongList communities = new LongList();
        LongList large = new LongList();
        long received = 0;
        long monitored = 0;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                int number = WireFormat.getTagFieldNumber(tag);
                int wire = WireFormat.getTagWireType(tag);
                switch (number) {
                    case 1 -> peerAs = uint32(in, tag);
                    case 2 -> bgpId = uint32(in, tag);
                    case 3 -> origin = (int) uint32(in, tag);
                    case 4 -> path.add(segment(in.readByteArray()));
                    case 5 -> nextHop = in.readByteArray();
                    case 6 -> med = uint32(in, tag);
                    case 7 -> localPref = uint32(in, tag);
                    case 8 -> readUint32s(in, wire, communities);
                    case 9 -> readUint32s(in, wire, large);
                    case 10 -> received = in.readUInt64();
                    case 11 -> monitored = in.readUInt64();
                    default -> in.skipField(tag);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedRibRecordException("not a Route (" + bytes.length + " bytes): " + e.getMessage(), e);
        }
        if (large.size() % 3 != 0) {
            throw new MalformedRibRecordException("a Route's large communities are " + large.size() + " values, not three per community");
        }
        return new Route(peerAs, bgpId, origin, path, nextHop, med, localPref, communities.toArray(), large.toArray(), received,
                monitored);
    }

    private static AsPathSegment segment(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        int type = 0;
        LongList asns = new LongList();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> type = (int) uint32(in, tag);
                case 2 -> readUint32s(in, WireFormat.getTagWireType(tag), asns);
                default -> in.skipField(tag);
            }
        }
        return new AsPathSegment(type, asns.toArray());
    }

    private static long uint32(CodedInputStream in, int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_VARINT) {
            throw new IOException("field " + WireFormat.getTagFieldNumber(tag) + " is not a varint");
        }
        return Integer.toUnsignedLong(in.readUInt32());
    }

    private static void readUint32s(CodedInputStream in, int wire, LongList into) throws IOException {
        if (wire == WireFormat.WIRETYPE_VARINT) {
            into.add(Integer.toUnsignedLong(in.readUInt32()));
            return;
        }
        int limit = in.pushLimit(in.readRawVarint32());
        while (!in.isAtEnd()) {
            into.add(Integer.toUnsignedLong(in.readUInt32()));
        }
        in.popLimit(limit);
    }

    private static void checkAddress(String field, byte[] address, boolean emptyAllowed) {
        if (!(address.length == 4 || address.length == 16 || emptyAllowed && address.length == 0)) {
            throw new MalformedRibRecordException("RouteKey " + field + " has " + address.length + " bytes, not 4 or 16");
        }
    }

    private static int segmentSize(AsPathSegment segment) {
        int size = CodedOutputStream.computeUInt32Size(1, segment.type());
        if (segment.asns().length > 0) {
            int data = packedSize(segment.asns());
            size += CodedOutputStream.computeTagSize(2) + CodedOutputStream.computeUInt32SizeNoTag(data) + data;
        }
        return size;
    }

    private static int packedSize(long[] values) {
        int size = 0;
        for (long v : values) {
            size += CodedOutputStream.computeUInt32SizeNoTag((int) v);
        }
        return size;
    }

    private static void packed(CodedOutputStream out, int number, long[] values) throws IOException {
        if (values.length == 0) {
            return;
        }
        out.writeTag(number, WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(packedSize(values));
        for (long v : values) {
            out.writeUInt32NoTag((int) v);
        }
    }

    private static void varint(CodedOutputStream out, int number, long value) throws IOException {
        if (value != 0) {
            out.writeUInt32(number, (int) value);
        }
    }

    private static void bytes(CodedOutputStream out, int number, byte[] value) throws IOException {
        if (value.length > 0) {
            out.writeByteArray(number, value);
        }
    }

    private static byte[] write(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        CodedOutputStream out = CodedOutputStream.newInstance(bytes, 256);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return bytes.toByteArray();
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }
}
