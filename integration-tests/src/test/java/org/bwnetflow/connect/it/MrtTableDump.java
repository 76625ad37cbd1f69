package org.bwnetflow.connect.it;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes an MRT TABLE_DUMP_V2 file (RFC 6396 section 4.3), the format route collectors publish
 * full tables in and {@code gobgp mrt inject} reads: a PEER_INDEX_TABLE with one peer, then one
 * RIB_IPV4_UNICAST or RIB_IPV6_UNICAST record per prefix. AS paths are written with 4-byte AS
 * numbers, as the format requires.
 */
final class MrtTableDump {

    private static final int TABLE_DUMP_V2 = 13;
    private static final int PEER_INDEX_TABLE = 1;
    private static final int RIB_IPV4_UNICAST = 2;
    private static final int RIB_IPV6_UNICAST = 4;
    private static final int TAIL_COPIES = 3_000;

    /** One route of the dump. */
    record Entry(byte[] prefix, int length, long[] asPath, long[] communities, byte[] nextHop) {
    }

    private MrtTableDump() {
    }

    static void write(Path file, byte[] peerAddress, long peerAs, List<Entry> entries) throws IOException {
        long time = System.currentTimeMillis() / 1000;
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteArrayOutputStream index = new ByteArrayOutputStream();
            DataOutputStream i = new DataOutputStream(index);
            i.write(peerAddress.length == 4 ? peerAddress : new byte[] {127, 0, 0, 1}); // collector BGP id
            i.writeShort(0); // view name length
            i.writeShort(1); // one peer
            i.writeByte(peerAddress.length == 16 ? 0x03 : 0x02); // AS4, IPv6 address bit
            i.write(new byte[] {127, 0, 0, 9}); // the peer's BGP id
            i.write(peerAddress);
            i.writeInt((int) peerAs);
            record(out, time, PEER_INDEX_TABLE, index.toByteArray());
            int sequence = 0;
            for (Entry entry : entries) {
                record(out, time, entry.prefix().length == 4 ? RIB_IPV4_UNICAST : RIB_IPV6_UNICAST, rib(sequence++, time, entry));
            }
            // gobgp 3.10's `mrt inject` may lose the last records of a file (see Gobgpd#injectMrt): the last route
            // again, many times, so that what may be lost is only copies
            Entry last = entries.get(entries.size() - 1);
            for (int copy = 0; copy < TAIL_COPIES; copy++) {
                record(out, time, last.prefix().length == 4 ? RIB_IPV4_UNICAST : RIB_IPV6_UNICAST, rib(sequence++, time, last));
            }
        }
    }

    private static byte[] rib(int sequence, long time, Entry entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeInt(sequence);
        d.writeByte(entry.length());
        d.write(entry.prefix(), 0, (entry.length() + 7) / 8);
        d.writeShort(1); // one RIB entry
        d.writeShort(0); // peer index
        d.writeInt((int) time);
        byte[] attributes = attributes(entry);
        d.writeShort(attributes.length);
        d.write(attributes);
        return bytes.toByteArray();
    }

    private static byte[] attributes(Entry entry) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.write(new byte[] {0x40, 1, 1, 0}); // ORIGIN IGP
        int pathLength = 2 + 4 * entry.asPath().length;
        d.write(new byte[] {0x40, 2, (byte) pathLength, 2, (byte) entry.asPath().length}); // AS_PATH, one AS_SEQUENCE
        for (long asn : entry.asPath()) {
            d.writeInt((int) asn);
        }
        if (entry.prefix().length == 4) {
            d.write(new byte[] {0x40, 3, 4});
            d.write(entry.nextHop());
        } else {
            // MP_REACH_NLRI as in an UPDATE, without NLRI (the record's prefix is the NLRI): gobgp reads this form,
            // not RFC 6396 4.3.4's abbreviated one (next hop length and address only)
            d.write(new byte[] {(byte) 0x80, 14, (byte) (5 + entry.nextHop().length), 0, 2, 1, (byte) entry.nextHop().length});
            d.write(entry.nextHop());
            d.write(0);
        }
        if (entry.communities().length > 0) {
            d.write(new byte[] {(byte) 0xC0, 8, (byte) (4 * entry.communities().length)});
            for (long community : entry.communities()) {
                d.writeInt((int) community);
            }
        }
        return bytes.toByteArray();
    }

    private static void record(OutputStream out, long time, int subtype, byte[] body) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt((int) time);
        d.writeShort(TABLE_DUMP_V2);
        d.writeShort(subtype);
        d.writeInt(body.length);
        d.write(body);
    }
}
