package org.bwnetflow.connect.netflow.encode;

import java.nio.ByteBuffer;
import java.util.List;

/** The encoder's data template for one address family: field types and lengths, in record order. */
final class TemplateLayout {

    // IEs: addresses (v4 8/12/15, v6 27/28/62), interfaces 10/14, packets 2, octets 1, times,
    // ports 7/11, TCP flags 6, protocol 4, ToS 5, AS 16/17, masks (v4 9/13, v6 29/30), direction 61.
    private static final int[][] V4_ADDRESSES = {{8, 4}, {12, 4}, {15, 4}};
    private static final int[][] V6_ADDRESSES = {{27, 16}, {28, 16}, {62, 16}};
    private static final int[][] V9_TIMES = {{22, 4}, {21, 4}};
    private static final int[][] IPFIX_TIMES = {{152, 8}, {153, 8}};
    // Layer 2 (FULL layout): source/destination MAC 56/80, VLAN 58, post VLAN 59, Ethernet type 256.
    private static final int[][] LAYER2 = {{56, 6}, {80, 6}, {58, 2}, {59, 2}, {256, 2}};

    private final int templateId;
    private final boolean ipv6;
    private final boolean ipfix;
    private final boolean layer2;
    private final int[][] fields;
    private final int recordLength;

    private TemplateLayout(int templateId, boolean ipv6, boolean ipfix, boolean layer2, int[][] fields) {
        this.templateId = templateId;
        this.ipv6 = ipv6;
        this.ipfix = ipfix;
        this.layer2 = layer2;
        this.fields = fields;
        int length = 0;
        for (int[] field : fields) {
            length += field[1];
        }
        this.recordLength = length;
    }

    static TemplateLayout of(int templateId, boolean ipv6, FlowExportEncoder.Format format,
                             FlowExportEncoder.Layout layout) {
        int[][] addresses = ipv6 ? V6_ADDRESSES : V4_ADDRESSES;
        int[][] times = format == FlowExportEncoder.Format.IPFIX ? IPFIX_TIMES : V9_TIMES;
        int[][] fields = {
            addresses[0], addresses[1], addresses[2], {10, 4}, {14, 4}, {2, 8}, {1, 8}, times[0], times[1],
            {7, 2}, {11, 2}, {6, 1}, {4, 1}, {5, 1}, {16, 4}, {17, 4},
            {ipv6 ? 29 : 9, 1}, {ipv6 ? 30 : 13, 1}, {61, 1},
        };
        boolean layer2 = layout == FlowExportEncoder.Layout.FULL;
        if (layer2) {
            int[][] full = java.util.Arrays.copyOf(fields, fields.length + LAYER2.length);
            System.arraycopy(LAYER2, 0, full, fields.length, LAYER2.length);
            fields = full;
        }
        return new TemplateLayout(templateId, ipv6, format == FlowExportEncoder.Format.IPFIX, layer2, fields);
    }

    int recordLength() {
        return recordLength;
    }

    int templateLength() {
        return 4 + fields.length * 4;
    }

    void writeTemplate(ByteBuffer out) {
        out.putShort((short) templateId);
        out.putShort((short) fields.length);
        for (int[] field : fields) {
            out.putShort((short) field[0]);
            out.putShort((short) field[1]);
        }
    }

    /** Bytes of a data set of {@code records} records, padded to 4 bytes (v9 requires it; IPFIX allows it). */
    int dataSetLength(int records) {
        return records == 0 ? 0 : (4 + records * recordLength + 3) & ~3;
    }

    /** @param bootMillis when the exporter booted: v9 times are milliseconds of uptime */
    void writeDataSet(ByteBuffer out, List<ExportFlow> flows, int count, long bootMillis) {
        if (count == 0) {
            return;
        }
        int length = dataSetLength(count);
        int start = out.position();
        out.putShort((short) templateId);
        out.putShort((short) length);
        for (ExportFlow f : flows) {
            if (f.isIpv6() == ipv6) {
                writeRecord(out, f, bootMillis);
            }
        }
        while (out.position() < start + length) {
            out.put((byte) 0);
        }
    }

    private void writeRecord(ByteBuffer out, ExportFlow f, long bootMillis) {
        out.put(f.srcAddr()).put(f.dstAddr()).put(f.nextHop());
        out.putInt((int) f.inIf()).putInt((int) f.outIf());
        out.putLong(f.packets()).putLong(f.bytes());
        if (ipfix) {
            out.putLong(f.startMillis()).putLong(f.endMillis());
        } else {
            out.putInt((int) (f.startMillis() - bootMillis));
            out.putInt((int) (f.endMillis() - bootMillis));
        }
        out.putShort((short) f.srcPort()).putShort((short) f.dstPort());
        out.put((byte) f.tcpFlags()).put((byte) f.proto()).put((byte) f.tos());
        out.putInt((int) f.srcAs()).putInt((int) f.dstAs());
        out.put((byte) f.srcMask()).put((byte) f.dstMask()).put((byte) f.direction());
        if (layer2) {
            putMac(out, f.srcMac());
            putMac(out, f.dstMac());
            out.putShort((short) f.srcVlan()).putShort((short) f.dstVlan()).putShort((short) f.etype());
        }
    }

    private static void putMac(ByteBuffer out, long mac) {
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.put((byte) (mac >>> shift));
        }
    }
}
