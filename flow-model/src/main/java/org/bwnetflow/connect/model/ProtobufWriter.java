package org.bwnetflow.connect.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Protobuf wire format (varints, tags, length-delimited fields) into a growable buffer that is
 * reused, one per thread: a flow is encoded in one pass and copied out once at its exact size.
 */
final class ProtobufWriter {

    private static final ThreadLocal<ProtobufWriter> PER_THREAD = ThreadLocal.withInitial(ProtobufWriter::new);
    private static final int WIRE_VARINT = 0;
    private static final int WIRE_LENGTH_DELIMITED = 2;

    private byte[] buf = new byte[512];
    private int pos;

    static ProtobufWriter get() {
        ProtobufWriter writer = PER_THREAD.get();
        writer.pos = 0;
        return writer;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** A varint field: uint32, uint64, bool and non-negative enums all encode as their unsigned value. */
    void varintField(int number, long value) {
        ensure(20);
        int p = rawVarint(buf, pos, (long) number << 3 | WIRE_VARINT);
        pos = rawVarint(buf, p, value);
    }

    void bytesField(int number, byte[] value) {
        ensure(15 + value.length);
        int p = rawVarint(buf, pos, (long) number << 3 | WIRE_LENGTH_DELIMITED);
        p = rawVarint(buf, p, value.length);
        System.arraycopy(value, 0, buf, p, value.length);
        pos = p + value.length;
    }

    /** A packed repeated uint32: the values' varints as one length-delimited field. */
    void packedUint32Field(int number, List<?> values) {
        int size = 0;
        for (Object value : values) {
            size += varintSize(((Number) value).longValue() & 0xFFFF_FFFFL);
        }
        ensure(15 + size);
        int p = rawVarint(buf, pos, (long) number << 3 | WIRE_LENGTH_DELIMITED);
        p = rawVarint(buf, p, size);
        for (Object value : values) {
            p = rawVarint(buf, p, ((Number) value).longValue() & 0xFFFF_FFFFL);
        }
        pos = p;
    }

    private static int varintSize(long value) {
        return (64 - Long.numberOfLeadingZeros(value | 1) + 6) / 7;
    }

    void stringField(int number, String value) {
        bytesField(number, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a varint at {@code p} (locals, not fields: the loop stays in registers); the position after it. */
    private static int rawVarint(byte[] b, int p, long value) {
        while ((value & ~0x7FL) != 0) {
            b[p++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        b[p++] = (byte) value;
        return p;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
