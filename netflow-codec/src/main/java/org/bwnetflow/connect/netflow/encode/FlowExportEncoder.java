package org.bwnetflow.connect.netflow.encode;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Writes NetFlow v9 (RFC 3954) or IPFIX (RFC 7011) export packets for one exporter domain: a
 * template set (IPv4 template 256, IPv6 template 257) when asked, then one data set per address
 * family. Keeps the domain's sequence number (v9: packets, IPFIX: data records) and, for v9, the
 * exporter's uptime clock: v9 flow times are sysUptime-relative (IEs 22/21), IPFIX ones are
 * flowStart/EndMilliseconds (IEs 152/153).
 */
public final class FlowExportEncoder {

    /** The export protocol. */
    public enum Format { NETFLOW_V9, IPFIX }

    /** Which fields the templates carry: COMPACT (layer 3-4, the generator's), FULL (plus MACs, VLANs, Ethernet type). */
    public enum Layout { COMPACT, FULL }

    public static final int IPV4_TEMPLATE = 256;
    public static final int IPV6_TEMPLATE = 257;
    /** Options template of the sampling announcement: scope System (v9) / observationDomainId (IPFIX), IE 34. */
    public static final int SAMPLING_OPTIONS_TEMPLATE = 258;
    private static final int OPTIONS_TEMPLATE_SET_LENGTH = 20; // 18 bytes, padded to 4
    private static final int OPTIONS_DATA_SET_LENGTH = 12;
    private static final int V9_HEADER = 20;
    private static final int IPFIX_HEADER = 16;

    private final Format format;
    private final long domainId;
    private final long bootMillis;
    private final TemplateLayout ipv4;
    private final TemplateLayout ipv6;
    private long sequence;

    /**
     * @param domainId   the v9 source id or IPFIX observation domain id
     * @param bootMillis when the simulated exporter booted (v9's sysUptime counts from here)
     */
    public FlowExportEncoder(Format format, long domainId, long bootMillis) {
        this(format, Layout.COMPACT, domainId, bootMillis);
    }

    /**
     * @param domainId   the v9 source id or IPFIX observation domain id
     * @param bootMillis when the exporter booted (v9's sysUptime counts from here; flow times before it are
     *                   not representable in v9)
     */
    public FlowExportEncoder(Format format, Layout layout, long domainId, long bootMillis) {
        this.format = Objects.requireNonNull(format, "format");
        this.domainId = domainId;
        this.bootMillis = bootMillis;
        this.ipv4 = TemplateLayout.of(IPV4_TEMPLATE, false, format, layout);
        this.ipv6 = TemplateLayout.of(IPV6_TEMPLATE, true, format, layout);
    }

    /**
     * How many flows of the larger (IPv6) record fit in a packet of {@code maxBytes} with the
     * templates: a packet never exceeds it whatever the mix of families.
     */
    public int maxFlows(int maxBytes) {
        int fixed = (format == Format.IPFIX ? IPFIX_HEADER : V9_HEADER) + templateSetLength() + 2 * 4 + 2 * 3
                + OPTIONS_TEMPLATE_SET_LENGTH + OPTIONS_DATA_SET_LENGTH;
        return Math.max(0, (maxBytes - fixed) / ipv6.recordLength());
    }

    public Format format() {
        return format;
    }

    /** Bytes of one record of the IPv4 or IPv6 layout. */
    public int recordLength(boolean ipv6Layout) {
        return (ipv6Layout ? ipv6 : ipv4).recordLength();
    }

    /** One export packet with the templates (if asked) and the given flows, at {@code nowMillis}. */
    public byte[] encode(List<ExportFlow> flows, boolean withTemplates, long nowMillis) {
        return encode(flows, withTemplates, 0, nowMillis);
    }

    /**
     * One export packet: the templates (if asked), an announcement that the domain's flows are
     * sampled 1 in {@code samplingInterval} (options template and record; none when 0), then the flows.
     */
    public byte[] encode(List<ExportFlow> flows, boolean withTemplates, long samplingInterval, long nowMillis) {
        byte[] packet = write(sequence, flows, withTemplates, samplingInterval, nowMillis);
        // v9 counts packets; IPFIX counts data records (options ones too), not messages.
        sequence += format == Format.IPFIX ? flows.size() + (samplingInterval > 0 ? 1 : 0) : 1;
        return packet;
    }

    /** The sequence number of the next packet {@link #encode} writes. */
    public long nextSequence() {
        return sequence;
    }

    /**
     * A packet {@link #encode} wrote with sequence number {@code sequence}, written again with the
     * same flows, announcement and time, and with templates if asked (for a collector that may have
     * restarted and forgotten them). Templates count in neither protocol's sequence, so the domain's
     * numbering holds for whoever gets this one instead of the first.
     */
    public byte[] encodeAgain(long sequence, List<ExportFlow> flows, boolean withTemplates, long samplingInterval,
                              long nowMillis) {
        return write(sequence, flows, withTemplates, samplingInterval, nowMillis);
    }

    private byte[] write(long sequenceNumber, List<ExportFlow> flows, boolean withTemplates, long samplingInterval,
                         long nowMillis) {
        boolean options = samplingInterval > 0;
        int v6 = 0;
        for (ExportFlow flow : flows) {
            if (flow.isIpv6()) {
                v6++;
            }
        }
        int v4 = flows.size() - v6;
        int size = (format == Format.IPFIX ? IPFIX_HEADER : V9_HEADER)
                + (withTemplates ? templateSetLength() : 0) + ipv4.dataSetLength(v4) + ipv6.dataSetLength(v6)
                + (options ? OPTIONS_TEMPLATE_SET_LENGTH + OPTIONS_DATA_SET_LENGTH : 0);
        ByteBuffer out = ByteBuffer.allocate(size);
        writeHeader(out, size, sequenceNumber, withTemplates, options, flows.size(), nowMillis);
        if (withTemplates) {
            out.putShort((short) (format == Format.IPFIX ? 2 : 0));
            out.putShort((short) templateSetLength());
            ipv4.writeTemplate(out);
            ipv6.writeTemplate(out);
        }
        if (options) {
            writeSamplingOptions(out, samplingInterval);
        }
        ipv4.writeDataSet(out, flows, v4, bootMillis);
        ipv6.writeDataSet(out, flows, v6, bootMillis);
        return out.array();
    }

    /** Options template 258 and its one record: the whole domain is sampled 1 in {@code interval}. */
    private void writeSamplingOptions(ByteBuffer out, long interval) {
        int start = out.position();
        if (format == Format.IPFIX) {
            out.putShort((short) 3).putShort((short) OPTIONS_TEMPLATE_SET_LENGTH);
            out.putShort((short) SAMPLING_OPTIONS_TEMPLATE).putShort((short) 2).putShort((short) 1);
            out.putShort((short) 149).putShort((short) 4); // scope: observationDomainId
        } else {
            out.putShort((short) 1).putShort((short) OPTIONS_TEMPLATE_SET_LENGTH);
            out.putShort((short) SAMPLING_OPTIONS_TEMPLATE).putShort((short) 4).putShort((short) 4);
            out.putShort((short) 1).putShort((short) 4); // scope: System
        }
        out.putShort((short) 34).putShort((short) 4); // samplingInterval
        while (out.position() < start + OPTIONS_TEMPLATE_SET_LENGTH) {
            out.put((byte) 0);
        }
        out.putShort((short) SAMPLING_OPTIONS_TEMPLATE).putShort((short) OPTIONS_DATA_SET_LENGTH);
        out.putInt((int) (format == Format.IPFIX ? domainId : 0)).putInt((int) interval);
    }

    private void writeHeader(ByteBuffer out, int size, long sequenceNumber, boolean withTemplates, boolean options,
                             int records, long nowMillis) {
        if (format == Format.IPFIX) {
            out.putShort((short) 10);
            out.putShort((short) size);
            out.putInt((int) (nowMillis / 1000));
            out.putInt((int) sequenceNumber);
            out.putInt((int) domainId);
        } else {
            out.putShort((short) 9);
            out.putShort((short) ((withTemplates ? 2 : 0) + (options ? 2 : 0) + records));
            // The header's clock is whole seconds: sysUptime must be read at that same instant, or every flow
            // time a collector computes (unix secs - (sysUptime - flow uptime)) is early by the milliseconds.
            long second = nowMillis - Math.floorMod(nowMillis, 1000L);
            out.putInt((int) (second - bootMillis));
            out.putInt((int) (second / 1000));
            out.putInt((int) sequenceNumber);
            out.putInt((int) domainId);
        }
    }

    private int templateSetLength() {
        return 4 + ipv4.templateLength() + ipv6.templateLength();
    }
}
