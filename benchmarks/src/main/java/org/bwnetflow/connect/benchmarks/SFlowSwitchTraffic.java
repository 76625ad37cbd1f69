package org.bwnetflow.connect.benchmarks;

import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ETHERTYPE_IPV4;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ETHERTYPE_IPV6;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.TPID_DOT1Q;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.bwnetflow.connect.netflow.testing.SFlowDatagrams;

/**
 * sFlow v5 datagrams as a switch's agent sends them (deterministic, seeded): {@link #DATAGRAMS}
 * datagrams from agent 192.0.2.1 (sub-agent 0), each of {@link #SAMPLES_PER_DATAGRAM} compact
 * flow samples (0:1, sampling rate 1 in {@value #SAMPLING_RATE}, ifIndex 1-48), each sample a raw
 * packet header record (0:1, Ethernet, the first {@value #HEADER_BYTES} bytes of the frame, FCS
 * stripped) and an extended switch record (0:1001). Six samples with full 128-byte headers are
 * 1,324 bytes; a seventh would not fit the 1,400-byte datagram of the InMon agent library
 * ({@code SFL_DEFAULT_DATAGRAM_SIZE}).
 *
 * <p>Frames: IPv4 80% / IPv6 20%; TCP 70% (ACK, PSH-ACK, some SYN) / UDP 30%; 802.1Q tagged 25%
 * (VLAN 10, 20, 100 or 200; untagged frames are in VLAN 1); 40% full-size (1514 bytes, 1518 tagged),
 * 35% minimum-size (60 bytes, a header of 60; IPv4 only, IPv6 headers do not fit), the rest
 * 100-1400 bytes: 1,048-1,324 bytes per datagram. {@link #expected} is
 * what each sample must decode to, in order.
 */
final class SFlowSwitchTraffic {

    static final int SAMPLES_PER_DATAGRAM = 6;
    /** Distinct datagrams the benchmark cycles through (a power of two). */
    static final int DATAGRAMS = 128;
    static final int HEADER_BYTES = 128;
    static final int SAMPLING_RATE = 4096;
    static final long SEED = 42;
    static final String AGENT = "192.0.2.1";

    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int FCS = 4;
    private static final int MIN_FRAME = 60;
    private static final int FULL_FRAME = 1514;
    private static final int[] VLANS = {10, 20, 100, 200};
    private static final int[] TCP_SERVICES = {443, 443, 443, 80, 22, 993, 8080};
    private static final int[] UDP_SERVICES = {53, 443, 123, 4500, 3478};
    private static final int[] TCP_FLAGS = {0x10, 0x10, 0x10, 0x18, 0x18, 0x02, 0x11};
    private static final int[] TOS = {0, 0, 0, 0x28, 0xB8};
    private static final int[] TTLS = {64, 63, 127, 57};

    /**
     * What one flow sample must decode to. VlanId is the 802.1Q tag's VLAN, or the extended switch
     * record's source VLAN for an untagged frame (the same VLAN here either way); the EtherType is
     * the one behind the tag.
     */
    record Sample(int addressLength, int proto, int srcPort, int dstPort, int srcVlan, int dstVlan, int vlanId,
            int etherType, long frameLength) { }

    final List<byte[]> data = new ArrayList<>(DATAGRAMS);
    final List<Sample> expected = new ArrayList<>(DATAGRAMS * SAMPLES_PER_DATAGRAM);

    private final SplittableRandom random = new SplittableRandom(SEED);
    private long sampleSequence;

    SFlowSwitchTraffic() {
        for (int d = 0; d < DATAGRAMS; d++) {
            SFlowDatagrams datagram = SFlowDatagrams.datagram(AGENT, 0, d + 1);
            for (int s = 0; s < SAMPLES_PER_DATAGRAM; s++) {
                boolean tagged = random.nextInt(100) < 25;
                Sample sample = draw(tagged);
                int input = 1 + random.nextInt(48);
                int output = 1 + (input + random.nextInt(47)) % 48;
                datagram.flowSample(++sampleSequence, SAMPLING_RATE, input, output,
                        SFlowDatagrams.rawHeader(sample.frameLength(), header(sample, tagged)),
                        SFlowDatagrams.extendedSwitch(sample.srcVlan(), 0, sample.dstVlan(), 0));
                expected.add(sample);
            }
            data.add(datagram.bytes());
        }
    }

    private Sample draw(boolean tagged) {
        boolean v6 = random.nextInt(100) < 20;
        boolean tcp = random.nextInt(100) < 70;
        int service = tcp ? pick(TCP_SERVICES) : pick(UDP_SERVICES);
        int ephemeral = 32768 + random.nextInt(28232);
        boolean toServer = random.nextBoolean();
        int vlan = tagged ? VLANS[random.nextInt(VLANS.length)] : 1;
        int frame = frameBytes(tagged, l2Header(tagged) + l3l4Header(v6, tcp));
        return new Sample(v6 ? 16 : 4, tcp ? TCP : UDP, toServer ? ephemeral : service, toServer ? service : ephemeral,
                vlan, vlan, vlan, v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4, frame + FCS);
    }

    /** The first {@value #HEADER_BYTES} bytes of the sample's frame (without its FCS). */
    private byte[] header(Sample s, boolean tagged) {
        boolean v6 = s.addressLength() == 16;
        boolean tcp = s.proto() == TCP;
        int frame = (int) s.frameLength() - FCS;
        int l2Header = l2Header(tagged);
        int l3l4Header = l3l4Header(v6, tcp);
        int ipLength = frame == MIN_FRAME ? l3l4Header : frame - l2Header;
        byte[] l4 = tcp ? SFlowDatagrams.tcp(s.srcPort(), s.dstPort(), pick(TCP_FLAGS))
                : SFlowDatagrams.udp(s.srcPort(), s.dstPort());
        // The payload bytes that fall into the header; a minimum-size frame has none, only Ethernet padding.
        byte[] payload = new byte[frame == MIN_FRAME ? 0 : Math.min(frame, HEADER_BYTES) - l2Header - l3l4Header];
        random.nextBytes(payload);
        byte[] segment = SFlowDatagrams.concat(l4, payload);
        byte[] ip = v6
                ? SFlowDatagrams.ipv6(v6Address(), v6Address(), s.proto(), 0, random.nextInt(1 << 20), 64, ipLength - 40,
                        segment)
                : SFlowDatagrams.ipv4(v4Address(), v4Address(), s.proto(), pick(TOS), pick(TTLS), random.nextInt(1 << 16),
                        0x4000, ipLength, segment);
        int[] tags = tagged ? new int[] {TPID_DOT1Q << 16 | s.vlanId()} : new int[0];
        byte[] bytes = SFlowDatagrams.ethernet(0x02AA_0000_0000L | random.nextInt(1 << 16),
                0x02BB_0000_0000L | random.nextInt(1 << 16), tags, s.etherType(), ip);
        return Arrays.copyOf(bytes, Math.min(frame, HEADER_BYTES)); // a short frame's Ethernet padding: zeros
    }

    private static int l2Header(boolean tagged) {
        return tagged ? 18 : 14;
    }

    private static int l3l4Header(boolean v6, boolean tcp) {
        return (v6 ? 40 : 20) + (tcp ? 20 : 8);
    }

    /** Frame length without the FCS: full-size, minimum-size (Ethernet padding) or in between. */
    private int frameBytes(boolean tagged, int headers) {
        int size = random.nextInt(100);
        if (size < 40) {
            return FULL_FRAME + (tagged ? 4 : 0);
        }
        if (size < 75 && headers <= MIN_FRAME) {
            return MIN_FRAME;
        }
        return Math.max(headers, 100 + random.nextInt(1301));
    }

    private String v4Address() {
        return random.nextBoolean()
                ? "10.1." + random.nextInt(256) + "." + (1 + random.nextInt(254))
                : (random.nextBoolean() ? "198.51.100." : "203.0.113.") + (1 + random.nextInt(254));
    }

    private String v6Address() {
        return "2001:db8:" + Integer.toHexString(random.nextInt(1 << 16)) + "::" + Integer.toHexString(1 + random.nextInt(0xFFFF));
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }
}
