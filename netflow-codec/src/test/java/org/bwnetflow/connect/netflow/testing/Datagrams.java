package org.bwnetflow.connect.netflow.testing;

import java.nio.ByteBuffer;

/** Builds NetFlow v9 and IPFIX datagrams field by field, for tests of what exporters get wrong. */
public final class Datagrams {

    private final ByteBuffer buf = ByteBuffer.allocate(1 << 17);

    private Datagrams() {
    }

    /** A v9 header: version 9, count, sysUptime, unix secs, sequence, source id. */
    public static Datagrams v9(long sequence, long sourceId) {
        Datagrams d = new Datagrams();
        d.buf.putShort((short) 9).putShort((short) 1).putInt(3_600_000).putInt(1_700_000_000)
                .putInt((int) sequence).putInt((int) sourceId);
        return d;
    }

    /** An IPFIX header; the message length is fixed up by {@link #bytes()}. */
    public static Datagrams ipfix(long sequence, long domain) {
        Datagrams d = new Datagrams();
        d.buf.putShort((short) 10).putShort((short) 0).putInt(1_700_000_000).putInt((int) sequence)
                .putInt((int) domain);
        return d;
    }

    /** A set header with an explicit length (which may lie). */
    public Datagrams set(int id, int length) {
        buf.putShort((short) id).putShort((short) length);
        return this;
    }

    /** A v9 template set holding one template of (type, length) pairs. */
    public Datagrams v9Template(int templateId, int... typeLengthPairs) {
        set(0, 4 + 4 + typeLengthPairs.length * 2);
        buf.putShort((short) templateId).putShort((short) (typeLengthPairs.length / 2));
        for (int v : typeLengthPairs) {
            buf.putShort((short) v);
        }
        return this;
    }

    /** An IPFIX template set holding one template of (type, length) pairs, no enterprise fields. */
    public Datagrams ipfixTemplate(int templateId, int... typeLengthPairs) {
        set(2, 4 + 4 + typeLengthPairs.length * 2);
        buf.putShort((short) templateId).putShort((short) (typeLengthPairs.length / 2));
        for (int v : typeLengthPairs) {
            buf.putShort((short) v);
        }
        return this;
    }

    public Datagrams u8(int v) {
        buf.put((byte) v);
        return this;
    }

    public Datagrams u16(int v) {
        buf.putShort((short) v);
        return this;
    }

    public Datagrams u32(long v) {
        buf.putInt((int) v);
        return this;
    }

    public Datagrams bytes(byte[] b) {
        buf.put(b);
        return this;
    }

    /** The datagram; an IPFIX header gets its true length. */
    public byte[] bytes() {
        byte[] out = new byte[buf.position()];
        buf.duplicate().flip().get(out);
        if (out.length >= 4 && out[0] == 0 && out[1] == 10 && out[2] == 0 && out[3] == 0) {
            out[2] = (byte) (out.length >> 8);
            out[3] = (byte) out.length;
        }
        return out;
    }
}
