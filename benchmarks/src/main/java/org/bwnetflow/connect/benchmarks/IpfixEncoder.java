package org.bwnetflow.connect.benchmarks;

import java.nio.ByteBuffer;
import java.util.List;
import org.bwnetflow.connect.flowctl.generate.GeneratedFlow;

/**
 * Just enough IPFIX (RFC 7011) to benchmark the decoder with generated traffic: the fields of
 * flowctl's NetFlow v9 templates, with flowStartMilliseconds/flowEndMilliseconds (8 bytes)
 * instead of v9's sysUptime-relative first/last switched. Template 256 is IPv4, 257 IPv6.
 */
final class IpfixEncoder {

    static final int IPV4_TEMPLATE = 256;
    static final int IPV6_TEMPLATE = 257;

    /** IANA information element and length, in record order. */
    private static final int[][] IPV4_FIELDS = {
        {8, 4}, {12, 4}, {15, 4}, {10, 4}, {14, 4}, {2, 8}, {1, 8}, {152, 8}, {153, 8}, {7, 2}, {11, 2},
        {6, 1}, {4, 1}, {5, 1}, {16, 4}, {17, 4}, {9, 1}, {13, 1}, {61, 1},
    };
    private static final int[][] IPV6_FIELDS = {
        {27, 16}, {28, 16}, {62, 16}, {10, 4}, {14, 4}, {2, 8}, {1, 8}, {152, 8}, {153, 8}, {7, 2}, {11, 2},
        {6, 1}, {4, 1}, {5, 1}, {16, 4}, {17, 4}, {29, 1}, {30, 1}, {61, 1},
    };
    private static final int IPV4_RECORD_LENGTH = recordLength(IPV4_FIELDS);
    private static final int IPV6_RECORD_LENGTH = recordLength(IPV6_FIELDS);

    private final long domainId;
    private long sequence;

    IpfixEncoder(long domainId) {
        this.domainId = domainId;
    }

    /** One IPFIX message: optionally the template set, then one data set per address family. */
    byte[] encode(List<GeneratedFlow> flows, boolean withTemplates, long nowMillis) {
        int v6 = (int) flows.stream().filter(GeneratedFlow::isIpv6).count();
        int v4 = flows.size() - v6;
        int size = 16 + (withTemplates ? templateSetLength() : 0)
                + (v4 == 0 ? 0 : 4 + v4 * IPV4_RECORD_LENGTH) + (v6 == 0 ? 0 : 4 + v6 * IPV6_RECORD_LENGTH);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putShort((short) 10);
        out.putShort((short) size);
        out.putInt((int) (nowMillis / 1000));
        out.putInt((int) sequence);
        out.putInt((int) domainId);
        sequence += flows.size(); // IPFIX counts data records, not messages
        if (withTemplates) {
            out.putShort((short) 2);
            out.putShort((short) templateSetLength());
            template(out, IPV4_TEMPLATE, IPV4_FIELDS);
            template(out, IPV6_TEMPLATE, IPV6_FIELDS);
        }
        data(out, flows, false, v4, nowMillis);
        data(out, flows, true, v6, nowMillis);
        return out.array();
    }

    private static void template(ByteBuffer out, int id, int[][] fields) {
        out.putShort((short) id);
        out.putShort((short) fields.length);
        for (int[] field : fields) {
            out.putShort((short) field[0]);
            out.putShort((short) field[1]);
        }
    }

    private static void data(ByteBuffer out, List<GeneratedFlow> flows, boolean ipv6, int count, long nowMillis) {
        if (count == 0) {
            return;
        }
        out.putShort((short) (ipv6 ? IPV6_TEMPLATE : IPV4_TEMPLATE));
        out.putShort((short) (4 + count * (ipv6 ? IPV6_RECORD_LENGTH : IPV4_RECORD_LENGTH)));
        for (GeneratedFlow f : flows) {
            if (f.isIpv6() != ipv6) {
                continue;
            }
            long end = nowMillis - f.endAgoMillis();
            long start = end - f.durationMillis();
            out.put(f.srcAddr()).put(f.dstAddr()).put(f.nextHop());
            out.putInt(f.inIf()).putInt(f.outIf());
            out.putLong(f.packets()).putLong(f.bytes());
            out.putLong(start).putLong(end);
            out.putShort((short) f.srcPort()).putShort((short) f.dstPort());
            out.put((byte) f.tcpFlags()).put((byte) f.proto()).put((byte) f.tos());
            out.putInt((int) f.srcAs()).putInt((int) f.dstAs());
            out.put((byte) f.srcMask()).put((byte) f.dstMask()).put((byte) f.direction());
        }
    }

    private static int templateSetLength() {
        return 4 + 4 + IPV4_FIELDS.length * 4 + 4 + IPV6_FIELDS.length * 4;
    }

    private static int recordLength(int[][] fields) {
        int length = 0;
        for (int[] field : fields) {
            length += field[1];
        }
        return length;
    }
}
