package org.bwnetflow.connect.tenant.route;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.model.FlowField;

/**
 * Reads only the customer id (field 1000, {@code Cid}, uint32) from FlowMessage protobuf bytes.
 *
 * <p>Every other field is skipped by its wire type without being decoded (no strings, no byte
 * arrays, no Struct), so routing raw bytes (a Kafka-to-Kafka hop with {@code ByteArrayConverter})
 * costs one pass over the tags. Protobuf semantics: a field absent means 0; when the field occurs
 * more than once the last occurrence wins; a field 1000 of another wire type is skipped like the
 * codec does ({@code FlowMessageCodec.decode}), so both read the same Cid from the same bytes.
 *
 * <p>Bytes that are not protobuf (truncated varints, lengths past the end, invalid wire types or a
 * stray end-group) raise a {@link DataException}: the connector's {@code errors.tolerance} (and
 * dead letter queue, in a sink) decides what happens, rather than garbage silently landing in the
 * unassigned topic.
 */
public final class CidReader {

    /** Field 1000 as a varint: {@code (1000 << 3) | 0}. */
    static final int CID_TAG = FlowField.CID.number() << 3 | WireFormat.WIRETYPE_VARINT;

    private CidReader() {
    }

    /** The Cid of a FlowMessage; 0 when unset. */
    public static long read(byte[] bytes) {
        return read(CodedInputStream.newInstance(bytes), bytes.length);
    }

    /** The Cid of a FlowMessage in the buffer's remaining bytes; the buffer's position is not changed. */
    public static long read(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        return read(CodedInputStream.newInstance(view), view.remaining());
    }

    private static long read(CodedInputStream in, int length) {
        long cid = 0;
        try {
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    return cid;
                }
                if (tag == CID_TAG) {
                    cid = Integer.toUnsignedLong(in.readUInt32()); // a later occurrence overrides
                } else if (!in.skipField(tag)) {
                    throw new IOException("end-group tag without a group at position " + in.getTotalBytesRead());
                }
            }
        } catch (IOException e) {
            throw new DataException("not a FlowMessage (" + length + " bytes of protobuf expected): "
                    + e.getMessage(), e);
        }
    }
}
