package org.bwnetflow.connect.netflow.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds sFlow v5 datagrams (sflow.org/sflow_version_5.txt) for tests, fuzz seeds and benchmarks:
 * a datagram of samples ({@link #datagram}, {@link #flowSample}, ...), flow records
 * ({@link #rawHeader}, {@link #sampledIpv4}, ...) and the packet bytes a raw header record
 * carries ({@link #ethernet}, {@link #ipv4}, {@link #tcp}, ...). Lengths and counts are computed,
 * unless a method says it lets the caller lie.
 */
public final class SFlowDatagrams {

    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    public static final int ETHERTYPE_MPLS = 0x8847;
    public static final int TPID_DOT1Q = 0x8100;
    public static final int TPID_DOT1AD = 0x88A8;
    public static final long MAC_A = 0x0200_0000_0001L;
    public static final long MAC_B = 0x0200_0000_0002L;

    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private final int countAt;
    private int samples;
    private long forcedCount = -1;

    private SFlowDatagrams(String agent, long subAgent, long sequence) {
        buf.putInt(5);
        byte[] address = address(agent);
        buf.putInt(address.length == 4 ? 1 : 2).put(address);
        buf.putInt((int) subAgent).putInt((int) sequence).putInt(3_600_000);
        countAt = buf.position();
        buf.putInt(0);
    }

    /** A datagram header: version 5, the agent address (IPv4 or IPv6 text), sub-agent id, sequence number. */
    public static SFlowDatagrams datagram(String agent, long subAgent, long sequence) {
        return new SFlowDatagrams(agent, subAgent, sequence);
    }

    /** A compact flow sample (0:1); {@code input}/{@code output} are the raw 32-bit interface fields. */
    public SFlowDatagrams flowSample(long sequence, long samplingRate, long input, long output, byte[]... records) {
        ByteBuffer body = ByteBuffer.allocate(32 + totalLength(records));
        body.putInt((int) sequence).putInt(7).putInt((int) samplingRate).putInt((int) (samplingRate * sequence))
                .putInt(0).putInt((int) input).putInt((int) output).putInt(records.length);
        for (byte[] r : records) {
            body.put(r);
        }
        return sample(0, 1, body.array());
    }

    /** An expanded flow sample (0:3) with (format, value) interfaces. */
    public SFlowDatagrams expandedFlowSample(long sequence, long samplingRate, long inputFormat, long input,
            long outputFormat, long output, byte[]... records) {
        ByteBuffer body = ByteBuffer.allocate(44 + totalLength(records));
        body.putInt((int) sequence).putInt(0).putInt(7).putInt((int) samplingRate).putInt((int) (samplingRate * sequence))
                .putInt(0).putInt((int) inputFormat).putInt((int) input).putInt((int) outputFormat).putInt((int) output)
                .putInt(records.length);
        for (byte[] r : records) {
            body.put(r);
        }
        return sample(0, 3, body.array());
    }

    /**
     * A counter sample (0:2, expanded 0:4) with one generic interface counters record (0:1) for
     * {@code ifIndex} at {@code ifSpeed} bits/s.
     */
    public SFlowDatagrams counterSample(boolean expanded, long ifIndex, long ifSpeed) {
        ByteBuffer counters = ByteBuffer.allocate(88);
        counters.putInt((int) ifIndex).putInt(6).putLong(ifSpeed).putInt(1).putInt(3);
        while (counters.hasRemaining()) {
            counters.putInt(0);
        }
        byte[] record = record(0, 1, counters.array());
        ByteBuffer body = ByteBuffer.allocate((expanded ? 16 : 12) + record.length);
        body.putInt(1);
        if (expanded) {
            body.putInt(0).putInt((int) ifIndex);
        } else {
            body.putInt((int) ifIndex);
        }
        body.putInt(1).put(record);
        return sample(0, expanded ? 4 : 2, body.array());
    }

    /** A sample of any format with the given body (padded to 4 bytes). */
    public SFlowDatagrams sample(int enterprise, int format, byte[] body) {
        byte[] padded = pad(body);
        buf.putInt(enterprise << 12 | format).putInt(padded.length).put(padded);
        samples++;
        return this;
    }

    /** Raw bytes after the samples (no sample counted). */
    public SFlowDatagrams raw(byte[] bytes) {
        buf.put(bytes);
        return this;
    }

    /** Makes the header claim {@code count} samples, whatever follows. */
    public SFlowDatagrams claimSamples(long count) {
        forcedCount = count;
        return this;
    }

    public byte[] bytes() {
        ByteBuffer copy = buf.duplicate();
        copy.putInt(countAt, (int) (forcedCount >= 0 ? forcedCount : samples));
        byte[] out = new byte[buf.position()];
        copy.position(0);
        copy.get(out);
        return out;
    }

    // ---- flow records: data_format, length, body (padded) ----

    /** Any flow record. */
    public static byte[] record(int enterprise, int format, byte[] body) {
        byte[] padded = pad(body);
        return ByteBuffer.allocate(8 + padded.length).putInt(enterprise << 12 | format).putInt(padded.length).put(padded)
                .array();
    }

    /** A raw packet header record (0:1) of an Ethernet frame; stripped 4 (the FCS). */
    public static byte[] rawHeader(long frameLength, byte[] header) {
        return rawHeader(1, frameLength, header.length, header);
    }

    /** A raw packet header record with a header length field that may lie about the bytes that follow. */
    public static byte[] rawHeader(int protocol, long frameLength, long headerLength, byte[] header) {
        byte[] padded = pad(header);
        ByteBuffer body = ByteBuffer.allocate(16 + padded.length);
        body.putInt(protocol).putInt((int) frameLength).putInt(4).putInt((int) headerLength).put(padded);
        return record(0, 1, body.array());
    }

    /** A sampled Ethernet record (0:2). */
    public static byte[] sampledEthernet(long length, long srcMac, long dstMac, int etherType) {
        ByteBuffer body = ByteBuffer.allocate(24);
        body.putInt((int) length).putShort((short) (srcMac >>> 32)).putInt((int) srcMac).putShort((short) 0)
                .putShort((short) (dstMac >>> 32)).putInt((int) dstMac).putShort((short) 0).putInt(etherType);
        return record(0, 2, body.array());
    }

    /** A sampled IPv4 (0:3) or IPv6 (0:4) record, by the addresses' family. */
    public static byte[] sampledIp(long length, int protocol, String src, String dst, int srcPort, int dstPort,
            int tcpFlags, int tos) {
        byte[] s = address(src);
        byte[] d = address(dst);
        ByteBuffer body = ByteBuffer.allocate(8 + 2 * s.length + 16);
        body.putInt((int) length).putInt(protocol).put(s).put(d).putInt(srcPort).putInt(dstPort).putInt(tcpFlags).putInt(tos);
        return record(0, s.length == 4 ? 3 : 4, body.array());
    }

    /** An extended switch record (0:1001). */
    public static byte[] extendedSwitch(int srcVlan, int srcPriority, int dstVlan, int dstPriority) {
        return record(0, 1001, ByteBuffer.allocate(16).putInt(srcVlan).putInt(srcPriority).putInt(dstVlan)
                .putInt(dstPriority).array());
    }

    /** An extended router record (0:1002); {@code nextHop} null is address type 0 (unknown). */
    public static byte[] extendedRouter(String nextHop, int srcMask, int dstMask) {
        byte[] a = nextHopAddress(nextHop);
        return record(0, 1002, ByteBuffer.allocate(a.length + 8).put(a).putInt(srcMask).putInt(dstMask).array());
    }

    /**
     * An extended gateway record (0:1003): next hop, the router's AS, source AS, source peer AS,
     * the destination AS path as AS_SEQUENCE segments, no communities, local preference 100.
     */
    public static byte[] extendedGateway(String nextHop, long as, long srcAs, long srcPeerAs, long[]... segments) {
        byte[] a = nextHopAddress(nextHop);
        int asns = 0;
        for (long[] segment : segments) {
            asns += segment.length;
        }
        ByteBuffer body = ByteBuffer.allocate(a.length + 16 + 8 * segments.length + 4 * asns + 8);
        body.put(a).putInt((int) as).putInt((int) srcAs).putInt((int) srcPeerAs).putInt(segments.length);
        for (long[] segment : segments) {
            body.putInt(2).putInt(segment.length);
            for (long asn : segment) {
                body.putInt((int) asn);
            }
        }
        body.putInt(0).putInt(100);
        return record(0, 1003, body.array());
    }

    // ---- packet bytes, as a raw header record carries them ----

    /** An Ethernet frame header with any number of tags ({@code tpid << 16 | tci} each), then the payload. */
    public static byte[] ethernet(long dstMac, long srcMac, int[] tags, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * tags.length + payload.length);
        b.putShort((short) (dstMac >>> 32)).putInt((int) dstMac).putShort((short) (srcMac >>> 32)).putInt((int) srcMac);
        for (int tag : tags) {
            b.putInt(tag);
        }
        return b.putShort((short) etherType).put(payload).array();
    }

    public static byte[] ethernet(int etherType, byte[] payload) {
        return ethernet(MAC_B, MAC_A, new int[0], etherType, payload);
    }

    /** An MPLS label stack (TTL 64, bottom of stack on the last) in front of the payload. */
    public static byte[] mpls(int[] labels, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 * labels.length + payload.length);
        for (int i = 0; i < labels.length; i++) {
            b.putInt(labels[i] << 12 | (i == labels.length - 1 ? 0x100 : 0) | 64);
        }
        return b.put(payload).array();
    }

    /** An IPv4 header (20 bytes, no options) claiming {@code totalLength}, then the payload. */
    public static byte[] ipv4(String src, String dst, int protocol, int tos, int ttl, int id, int flagsAndOffset,
            int totalLength, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) tos).putShort((short) totalLength).putShort((short) id)
                .putShort((short) flagsAndOffset).put((byte) ttl).put((byte) protocol).putShort((short) 0)
                .put(address(src)).put(address(dst));
        return b.put(payload).array();
    }

    /** An IPv6 header claiming {@code payloadLength}, then the payload (extension headers included). */
    public static byte[] ipv6(String src, String dst, int nextHeader, int trafficClass, int flowLabel, int hopLimit,
            int payloadLength, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(6 << 28 | trafficClass << 20 | flowLabel).putShort((short) payloadLength).put((byte) nextHeader)
                .put((byte) hopLimit).put(address(src)).put(address(dst));
        return b.put(payload).array();
    }

    /** An 8-byte IPv6 hop-by-hop (or destination options) header: next header, length 0, PadN. */
    public static byte[] ipv6Options(int nextHeader, byte[] payload) {
        return concat(new byte[] {(byte) nextHeader, 0, 1, 4, 0, 0, 0, 0}, payload);
    }

    /** An IPv6 fragment header: next header, offset in 8-byte units, more-fragments flag, identification. */
    public static byte[] ipv6Fragment(int nextHeader, int offset, boolean more, long id, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length);
        b.put((byte) nextHeader).put((byte) 0).putShort((short) (offset << 3 | (more ? 1 : 0))).putInt((int) id);
        return b.put(payload).array();
    }

    /** A 20-byte TCP header. */
    public static byte[] tcp(int srcPort, int dstPort, int flags) {
        ByteBuffer b = ByteBuffer.allocate(20);
        b.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt(0).put((byte) 0x50).put((byte) flags);
        return b.array();
    }

    public static byte[] udp(int srcPort, int dstPort) {
        return ByteBuffer.allocate(8).putShort((short) srcPort).putShort((short) dstPort).putShort((short) 8).array();
    }

    /** An 8-byte ICMP or ICMPv6 header (echo: identifier and sequence 0). */
    public static byte[] icmp(int type, int code) {
        return ByteBuffer.allocate(8).put((byte) type).put((byte) code).array();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---- a set of complete datagrams (fuzz seeds, benchmarks, end-to-end tests) ----

    /** A TCP SYN from 198.51.100.1:40000 to 203.0.113.2:443 in an untagged Ethernet frame of 1514 bytes. */
    public static byte[] ipv4TcpFrame() {
        return ethernet(ETHERTYPE_IPV4, ipv4("198.51.100.1", "203.0.113.2", 6, 0x28, 61, 0x1234, 0x4000, 1500,
                tcp(40000, 443, 0x02)));
    }

    /** Representative datagrams, one per feature, by name. */
    public static Map<String, byte[]> examples() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("ipv4 tcp", datagram("192.0.2.10", 0, 1)
                .flowSample(1, 1024, 3, 4, rawHeader(1514, ipv4TcpFrame()), extendedSwitch(10, 0, 20, 0),
                        extendedRouter("192.0.2.254", 24, 16),
                        extendedGateway("192.0.2.253", 65000, 64500, 64501, new long[] {64510, 64511, 64512}))
                .counterSample(false, 3, 10_000_000_000L).bytes());
        byte[] ipv6Udp = ipv6("2001:db8::1", "2001:db8::2", 0, 0, 0x12345, 64, 1000,
                ipv6Options(44, ipv6Fragment(17, 0, true, 0xABCDEF, udp(5353, 53))));
        m.put("ipv6 agent, qinq, hop-by-hop + fragment", datagram("2001:db8::a", 1, 7)
                .expandedFlowSample(2, 512, 0, 5, 0, 6,
                        rawHeader(1100, ethernet(MAC_B, MAC_A, new int[] {TPID_DOT1AD << 16 | 100, TPID_DOT1Q << 16 | 200},
                                ETHERTYPE_IPV6, ipv6Udp)))
                .bytes());
        m.put("mpls icmp", datagram("192.0.2.10", 0, 2)
                .flowSample(3, 256, 1, 2, rawHeader(98, ethernet(ETHERTYPE_MPLS, mpls(new int[] {16, 17, 18},
                        ipv4("10.0.0.1", "10.0.0.2", 1, 0, 64, 7, 0, 84, icmp(8, 0))))))
                .bytes());
        m.put("sampled ipv4 + ipv6, unknown records", datagram("192.0.2.10", 0, 3)
                .flowSample(4, 100, 1, 0x3FFFFFFF, sampledIp(576, 17, "192.0.2.1", "192.0.2.2", 123, 123, 0, 0),
                        record(0, 1005, new byte[] {0, 0, 0, 3, 'a', 'b', 'c'}))
                .flowSample(5, 100, 1, 0x40000001, sampledIp(1280, 6, "2001:db8::1", "2001:db8::2", 22, 50000, 0x18, 0))
                .sample(4300, 9, new byte[12]).bytes());
        return m;
    }

    private static byte[] nextHopAddress(String nextHop) {
        if (nextHop == null) {
            return new byte[4];
        }
        byte[] a = address(nextHop);
        return ByteBuffer.allocate(4 + a.length).putInt(a.length == 4 ? 1 : 2).put(a).array();
    }

    private static int totalLength(byte[][] records) {
        int n = 0;
        for (byte[] r : records) {
            n += r.length;
        }
        return n;
    }

    private static byte[] pad(byte[] body) {
        int padded = (body.length + 3) & ~3;
        return padded == body.length ? body : ByteBuffer.allocate(padded).put(body).array();
    }

    private static byte[] address(String text) {
        return CodecRun.address(text).getAddress();
    }
}
