package org.bwnetflow.connect.bmp.decode;

import java.io.ByteArrayOutputStream;

/** Writes BGP UPDATE bytes field by field, as a router would, for the parser's tests. */
final class UpdateBytes {

    private final ByteArrayOutputStream withdrawn = new ByteArrayOutputStream();
    private final ByteArrayOutputStream attributes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream nlri = new ByteArrayOutputStream();

    static byte[] prefix(int bits, int... bytes) {
        byte[] out = new byte[1 + bytes.length];
        out[0] = (byte) bits;
        for (int i = 0; i < bytes.length; i++) {
            out[1 + i] = (byte) bytes[i];
        }
        return out;
    }

    static byte[] withPathId(long pathId, byte[] prefix) {
        byte[] out = new byte[4 + prefix.length];
        write32(out, 0, pathId);
        System.arraycopy(prefix, 0, out, 4, prefix.length);
        return out;
    }

    UpdateBytes withdraw(byte[] prefix) {
        withdrawn.writeBytes(prefix);
        return this;
    }

    UpdateBytes announce(byte[] prefix) {
        nlri.writeBytes(prefix);
        return this;
    }

    /** A path attribute; extended length when the value needs it or {@code extended} is asked for. */
    UpdateBytes attribute(int flags, int type, byte[] value) {
        boolean extended = value.length > 255 || (flags & 0x10) != 0;
        attributes.write(flags | (extended ? 0x10 : 0));
        attributes.write(type);
        if (extended) {
            attributes.write(value.length >> 8);
        }
        attributes.write(value.length & 0xFF);
        attributes.writeBytes(value);
        return this;
    }

    static byte[] asPath(int width, int type, long... asns) {
        byte[] out = new byte[2 + asns.length * width];
        out[0] = (byte) type;
        out[1] = (byte) asns.length;
        for (int i = 0; i < asns.length; i++) {
            if (width == 4) {
                write32(out, 2 + 4 * i, asns[i]);
            } else {
                out[2 + 2 * i] = (byte) (asns[i] >> 8);
                out[3 + 2 * i] = (byte) asns[i];
            }
        }
        return out;
    }

    static byte[] words(long... values) {
        byte[] out = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            write32(out, 4 * i, values[i]);
        }
        return out;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    byte[] build() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(withdrawn.size() >> 8);
        body.write(withdrawn.size() & 0xFF);
        body.writeBytes(withdrawn.toByteArray());
        body.write(attributes.size() >> 8);
        body.write(attributes.size() & 0xFF);
        body.writeBytes(attributes.toByteArray());
        body.writeBytes(nlri.toByteArray());
        int length = BgpUpdateParser.HEADER + body.size();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        for (int i = 0; i < 16; i++) {
            message.write(0xFF);
        }
        message.write(length >> 8);
        message.write(length & 0xFF);
        message.write(BgpUpdateParser.TYPE_UPDATE);
        message.writeBytes(body.toByteArray());
        return message.toByteArray();
    }

    private static void write32(byte[] out, int at, long value) {
        out[at] = (byte) (value >> 24);
        out[at + 1] = (byte) (value >> 16);
        out[at + 2] = (byte) (value >> 8);
        out[at + 3] = (byte) value;
    }
}
