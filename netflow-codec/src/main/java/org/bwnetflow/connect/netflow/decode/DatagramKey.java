package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.ByteReader.u16;
import static org.bwnetflow.connect.netflow.decode.ByteReader.u32;

/**
 * The version and domain a datagram belongs to, read from its header without decoding it: lets
 * the source find out whether a domain's saved state must be restored before its first datagram.
 */
public final class DatagramKey {

    /** Returned when the bytes cannot be a datagram of a known version with a complete header. */
    public static final long NONE = -1;

    private DatagramKey() {
    }

    /**
     * The export version (5, 9, 10 or another number), or -1 when there are not even 2 bytes.
     * sFlow's version is a 32-bit 5 (NetFlow v5 starts with a 16-bit 5): its first 4 bytes
     * {@code 00 00 00 05} give {@link NetFlowDecoder#SFLOW_V5}.
     */
    public static int version(byte[] b, int off, int len) {
        if (len < 2) {
            return -1;
        }
        int first = u16(b, off);
        return first == 0 && len >= 4 && u16(b, off + 2) == 5 ? NetFlowDecoder.SFLOW_V5 : first;
    }

    /**
     * The domain id (v9 source id, IPFIX observation domain, v5 engine type and id, sFlow
     * sub-agent id), or {@link #NONE}.
     */
    public static long domainId(byte[] b, int off, int len) {
        int version = version(b, off, len);
        if (version == NetFlowDecoder.SFLOW_V5) {
            return SFlowDecoder.subAgentId(b, off, len);
        }
        if (version == NetFlowDecoder.NETFLOW_V9 && len >= NetFlowV9Decoder.HEADER_LENGTH) {
            return u32(b, off + 16);
        }
        if (version == NetFlowDecoder.IPFIX && len >= IpfixDecoder.HEADER_LENGTH) {
            return u32(b, off + 12);
        }
        if (version == NetFlowDecoder.NETFLOW_V5 && len >= NetFlowV5Decoder.HEADER_LENGTH) {
            return u16(b, off + 20);
        }
        return NONE;
    }
}
