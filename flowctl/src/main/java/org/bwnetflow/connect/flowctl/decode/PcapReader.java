package org.bwnetflow.connect.flowctl.decode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The UDP payloads of a packet capture: classic pcap (µs or ns, either byte order) and pcapng.
 * Link types: Ethernet (with VLAN tags), Linux cooked v1/v2, raw IP, BSD loopback. IP fragments
 * other than the first are skipped and counted, as is anything that is not UDP.
 */
public final class PcapReader {

    private static final int LINK_NULL = 0;
    private static final int LINK_ETHERNET = 1;
    private static final int LINK_RAW = 101;
    private static final int LINK_RAW_ALT = 12;
    private static final int LINK_LOOP = 108;
    private static final int LINK_SLL = 113;
    private static final int LINK_SLL2 = 276;
    private static final int LINK_IPV4 = 228;
    private static final int LINK_IPV6 = 229;

    private final List<CapturedDatagram> datagrams = new ArrayList<>();
    private int packets;
    private int skipped;

    private PcapReader() {
    }

    /** Reads every UDP datagram of the capture; throws IOException when the file is not a capture at all. */
    public static PcapReader read(byte[] file) throws IOException {
        PcapReader reader = new PcapReader();
        if (file.length < 24) {
            throw new IOException("too short for a pcap or pcapng file (" + file.length + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(file);
        int magic = buf.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (magic == 0x0A0D0D0A) {
            reader.readPcapng(buf);
        } else {
            reader.readPcap(buf, magic);
        }
        return reader;
    }

    public List<CapturedDatagram> datagrams() {
        return datagrams;
    }

    /** Packets in the capture. */
    public int packets() {
        return packets;
    }

    /** Packets that were not (whole, first-fragment) UDP over IPv4/IPv6. */
    public int skipped() {
        return skipped;
    }

    private void readPcap(ByteBuffer buf, int magic) throws IOException {
        boolean nanos;
        if (magic == 0xA1B2C3D4 || magic == 0xA1B23C4D) {
            buf.order(ByteOrder.BIG_ENDIAN);
            nanos = magic == 0xA1B23C4D;
        } else if (magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1) {
            buf.order(ByteOrder.LITTLE_ENDIAN);
            nanos = magic == 0x4D3CB2A1;
        } else {
            throw new IOException(String.format("not a pcap or pcapng file (magic %08x)", magic));
        }
        int linkType = buf.getInt(20) & 0x0FFF_FFFF;
        int pos = 24;
        while (buf.limit() - pos >= 16) {
            long seconds = buf.getInt(pos) & 0xFFFF_FFFFL;
            long fraction = buf.getInt(pos + 4) & 0xFFFF_FFFFL;
            int captured = buf.getInt(pos + 8);
            pos += 16;
            if (captured < 0 || captured > buf.limit() - pos) {
                break; // truncated capture: keep what was read
            }
            long millis = seconds * 1000 + (nanos ? fraction / 1_000_000 : fraction / 1000);
            packet(buf.array(), pos, captured, linkType, millis);
            pos += captured;
        }
    }

    private void readPcapng(ByteBuffer buf) throws IOException {
        List<Integer> linkTypes = new ArrayList<>();
        int pos = 0;
        while (buf.limit() - pos >= 12) {
            if (u32be(buf.array(), pos) == 0x0A0D0D0A) {
                // Section header: its byte-order magic decides the order of everything that follows.
                buf.order(u32be(buf.array(), pos + 8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                linkTypes.clear();
            }
            int length = buf.getInt(pos + 4);
            if (length < 12 || length > buf.limit() - pos) {
                break;
            }
            block(buf, pos, buf.getInt(pos), length, linkTypes);
            pos += length;
        }
        if (pos == 0) {
            throw new IOException("pcapng file without a readable block");
        }
    }

    /** One pcapng block: an interface description (its link type) or a packet; others are skipped. */
    private void block(ByteBuffer buf, int pos, int type, int length, List<Integer> linkTypes) {
        if (type == 1 && length >= 20) {
            linkTypes.add(buf.getShort(pos + 8) & 0xFFFF);
        } else if (type == 6 && length >= 32) {
            int iface = buf.getInt(pos + 8);
            long ts = (buf.getInt(pos + 12) & 0xFFFF_FFFFL) << 32 | (buf.getInt(pos + 16) & 0xFFFF_FFFFL);
            int captured = buf.getInt(pos + 20);
            if (iface >= 0 && iface < linkTypes.size() && captured >= 0 && captured <= length - 32) {
                // Default resolution is microseconds (if_tsresol is not read: exact time is not needed here).
                packet(buf.array(), pos + 28, captured, linkTypes.get(iface), ts / 1000);
            } else {
                packets++;
                skipped++;
            }
        } else if (type == 3 && length >= 16 && !linkTypes.isEmpty()) {
            int captured = Math.min(buf.getInt(pos + 8), length - 16);
            packet(buf.array(), pos + 12, captured, linkTypes.get(0), 0);
        }
    }

    private void packet(byte[] b, int off, int len, int linkType, long millis) {
        packets++;
        int ip = linkLayer(b, off, len, linkType);
        if (ip < 0 || !ip(b, ip, off + len, millis)) {
            skipped++;
        }
    }

    /** Offset of the IP header, or -1 for frames that carry no IP. */
    private static int linkLayer(byte[] b, int off, int len, int linkType) {
        if (linkType == LINK_ETHERNET) {
            return ethernet(b, off + 12, off + len);
        }
        if (linkType == LINK_SLL) {
            return len >= 16 && isIpEtherType(u16(b, off + 14)) ? off + 16 : -1;
        }
        if (linkType == LINK_SLL2) {
            return len >= 20 && isIpEtherType(u16(b, off)) ? off + 20 : -1;
        }
        int header = linkType == LINK_NULL || linkType == LINK_LOOP ? 4 : isRawIp(linkType) ? 0 : -1;
        return header >= 0 && len >= header ? off + header : -1;
    }

    /** After the MAC addresses: the EtherType, behind any number of VLAN tags. */
    private static int ethernet(byte[] b, int pos, int end) {
        while (pos + 2 <= end) {
            int etherType = u16(b, pos);
            if (etherType == 0x8100 || etherType == 0x88A8) {
                pos += 4; // VLAN tag
                continue;
            }
            return isIpEtherType(etherType) ? pos + 2 : -1;
        }
        return -1;
    }

    private static boolean isRawIp(int linkType) {
        return linkType == LINK_RAW || linkType == LINK_RAW_ALT || linkType == LINK_IPV4 || linkType == LINK_IPV6;
    }

    private static boolean isIpEtherType(int etherType) {
        return etherType == 0x0800 || etherType == 0x86DD;
    }

    private boolean ip(byte[] b, int off, int end, long millis) {
        if (end - off < 1) {
            return false;
        }
        int version = (b[off] & 0xFF) >> 4;
        UdpLocation udp = version == 4 ? ipv4(b, off, end) : version == 6 ? ipv6(b, off, end) : null;
        return udp != null && udp(b, udp, millis);
    }

    /** Where the UDP header of an IP packet starts, where the packet ends, and who sent it. */
    private record UdpLocation(int udp, int end, byte[] source) {
    }

    /** An unfragmented IPv4 UDP packet's UDP location; null for anything else. */
    private static UdpLocation ipv4(byte[] b, int off, int end) {
        if (end - off < 20) {
            return null;
        }
        int headerLength = (b[off] & 0x0F) * 4;
        int fragment = u16(b, off + 6);
        boolean fragmented = (fragment & 0x1FFF) != 0 || (fragment & 0x2000) != 0;
        if ((b[off + 9] & 0xFF) != 17 || fragmented || headerLength < 20) {
            return null;
        }
        return new UdpLocation(off + headerLength, Math.min(end, off + u16(b, off + 2)),
                Arrays.copyOfRange(b, off + 12, off + 16));
    }

    /** An IPv6 packet whose next header is UDP: its UDP location; null for anything else. */
    private static UdpLocation ipv6(byte[] b, int off, int end) {
        if (end - off < 40 || (b[off + 6] & 0xFF) != 17) {
            return null;
        }
        return new UdpLocation(off + 40, Math.min(end, off + 40 + u16(b, off + 4)), Arrays.copyOfRange(b, off + 8, off + 24));
    }

    private boolean udp(byte[] b, UdpLocation at, long millis) {
        int udp = at.udp();
        if (at.end() - udp < 8) {
            return false;
        }
        int destinationPort = u16(b, udp + 2);
        int payloadEnd = Math.min(at.end(), udp + u16(b, udp + 4));
        if (payloadEnd < udp + 8) {
            return false;
        }
        try {
            datagrams.add(new CapturedDatagram(InetAddress.getByAddress(at.source()), destinationPort,
                    Arrays.copyOfRange(b, udp + 8, payloadEnd), millis));
        } catch (UnknownHostException e) {
            return false;
        }
        return true;
    }

    private static int u32be(byte[] b, int off) {
        return u16(b, off) << 16 | u16(b, off + 2);
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF);
    }
}
