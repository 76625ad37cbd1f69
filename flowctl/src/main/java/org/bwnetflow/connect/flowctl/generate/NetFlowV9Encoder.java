package org.bwnetflow.connect.flowctl.generate;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes NetFlow v9 (RFC 3954) export packets for one exporter: a template flowset (IPv4
 * template 256, IPv6 template 257) and data flowsets. Keeps the exporter's sequence number
 * and uptime clock.
 */
public final class NetFlowV9Encoder {

    public static final int IPV4_TEMPLATE = 256;
    public static final int IPV6_TEMPLATE = 257;

    /** Field type and length, in record order; the address fields differ by family. */
    private static final int[][] IPV4_FIELDS = {
        {8, 4}, {12, 4}, {15, 4}, {10, 4}, {14, 4}, {2, 8}, {1, 8}, {22, 4}, {21, 4}, {7, 2}, {11, 2},
        {6, 1}, {4, 1}, {5, 1}, {16, 4}, {17, 4}, {9, 1}, {13, 1}, {61, 1},
    };
    private static final int[][] IPV6_FIELDS = {
        {27, 16}, {28, 16}, {62, 16}, {10, 4}, {14, 4}, {2, 8}, {1, 8}, {22, 4}, {21, 4}, {7, 2}, {11, 2},
        {6, 1}, {4, 1}, {5, 1}, {16, 4}, {17, 4}, {29, 1}, {30, 1}, {61, 1},
    };
    public static final int IPV4_RECORD_LENGTH = recordLength(IPV4_FIELDS);
    public static final int IPV6_RECORD_LENGTH = recordLength(IPV6_FIELDS);

    private final long sourceId;
    private final long bootMillis;
    private long sequence;

    /**
     * @param sourceId   the v9 source id
     * @param bootMillis when the simulated router booted (its sysUptime counts from here)
     */
    public NetFlowV9Encoder(long sourceId, long bootMillis) {
        this.sourceId = sourceId;
        this.bootMillis = bootMillis;
    }

    /** One export packet with the templates (if asked) and the given flows, at {@code nowMillis}. */
    public byte[] encode(List<GeneratedFlow> flows, boolean withTemplates, long nowMillis) {
        int v4 = 0;
        for (GeneratedFlow flow : flows) {
            if (!flow.isIpv6()) {
                v4++;
            }
        }
        int v6 = flows.size() - v4;
        int size = 20 + (withTemplates ? templateFlowsetLength() : 0)
                + dataFlowsetLength(v4, IPV4_RECORD_LENGTH) + dataFlowsetLength(v6, IPV6_RECORD_LENGTH);
        ByteBuffer out = ByteBuffer.allocate(size);
        long uptime = nowMillis - bootMillis;
        out.putShort((short) 9);
        out.putShort((short) ((withTemplates ? 2 : 0) + flows.size()));
        out.putInt((int) uptime);
        out.putInt((int) (nowMillis / 1000));
        out.putInt((int) sequence++);
        out.putInt((int) sourceId);
        if (withTemplates) {
            out.putShort((short) 0);
            out.putShort((short) templateFlowsetLength());
            template(out, IPV4_TEMPLATE, IPV4_FIELDS);
            template(out, IPV6_TEMPLATE, IPV6_FIELDS);
        }
        data(out, flows, false, v4, uptime);
        data(out, flows, true, v6, uptime);
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

    private static void data(ByteBuffer out, List<GeneratedFlow> flows, boolean ipv6, int count, long uptime) {
        if (count == 0) {
            return;
        }
        int recordLength = ipv6 ? IPV6_RECORD_LENGTH : IPV4_RECORD_LENGTH;
        int length = dataFlowsetLength(count, recordLength);
        int start = out.position();
        out.putShort((short) (ipv6 ? IPV6_TEMPLATE : IPV4_TEMPLATE));
        out.putShort((short) length);
        for (GeneratedFlow f : flows) {
            if (f.isIpv6() != ipv6) {
                continue;
            }
            long last = uptime - f.endAgoMillis();
            long first = last - f.durationMillis();
            out.put(f.srcAddr()).put(f.dstAddr()).put(f.nextHop());
            out.putInt(f.inIf()).putInt(f.outIf());
            out.putLong(f.packets()).putLong(f.bytes());
            out.putInt((int) first).putInt((int) last);
            out.putShort((short) f.srcPort()).putShort((short) f.dstPort());
            out.put((byte) f.tcpFlags()).put((byte) f.proto()).put((byte) f.tos());
            out.putInt((int) f.srcAs()).putInt((int) f.dstAs());
            out.put((byte) f.srcMask()).put((byte) f.dstMask()).put((byte) f.direction());
        }
        while (out.position() < start + length) {
            out.put((byte) 0); // pad the flowset to a 4-byte boundary
        }
    }

    private static int templateFlowsetLength() {
        return 4 + 4 + IPV4_FIELDS.length * 4 + 4 + IPV6_FIELDS.length * 4;
    }

    private static int dataFlowsetLength(int records, int recordLength) {
        if (records == 0) {
            return 0;
        }
        int length = 4 + records * recordLength;
        return (length + 3) & ~3;
    }

    private static int recordLength(int[][] fields) {
        int length = 0;
        for (int[] field : fields) {
            length += field[1];
        }
        return length;
    }
}
