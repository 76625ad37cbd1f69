package org.bwnetflow.connect.flowctl.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes classic pcap files (Ethernet) with UDP and TCP packets of exact sizes, or any frame, so tests
 * know what a capture holds: the packets softflowd turns into flows, or UDP payloads for
 * {@code flowctl decode --pcap}.
 */
public final class PcapWriter {

    private static final byte[] SRC_MAC = {0x02, 0, 0, 0, 0, 1};
    private static final byte[] DST_MAC = {0x02, 0, 0, 0, 0, 2};

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int packets;
    private int ipId;

    public PcapWriter() {
        ByteBuffer header = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65_535).putInt(1);
        out.writeBytes(header.array());
    }

    /** A UDP packet carrying {@code payload}; returns the IP packet's length (what flow exporters count). */
    public int udp(String src, String dst, int srcPort, int dstPort, byte[] payload, long timeMillis) {
        ByteBuffer udp = ByteBuffer.allocate(8 + payload.length);
        udp.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (8 + payload.length)).putShort((short) 0);
        udp.put(payload);
        return ip(src, dst, 17, udp.array(), timeMillis);
    }

    /** A TCP segment with {@code payloadLength} zero bytes; returns the IP packet's length. */
    public int tcp(String src, String dst, int srcPort, int dstPort, int flags, int payloadLength, long timeMillis) {
        ByteBuffer tcp = ByteBuffer.allocate(20 + payloadLength);
        tcp.putShort((short) srcPort).putShort((short) dstPort).putInt(1000 + packets).putInt(0)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65_535).putShort((short) 0).putShort((short) 0);
        return ip(src, dst, 6, tcp.array(), timeMillis);
    }

    public int packets() {
        return packets;
    }

    public void writeTo(Path file) throws IOException {
        Files.write(file, out.toByteArray());
    }

    private int ip(String src, String dst, int protocol, byte[] transport, long timeMillis) {
        int length = 20 + transport.length;
        ByteBuffer ip = ByteBuffer.allocate(length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) length).putShort((short) ipId++).putShort((short) 0x4000)
                .put((byte) 64).put((byte) protocol).putShort((short) 0).put(v4(src)).put(v4(dst));
        ip.putShort(10, checksum(ip.array(), 0, 20));
        ip.put(transport);
        ByteBuffer frame = ByteBuffer.allocate(14 + length);
        frame.put(DST_MAC).put(SRC_MAC).putShort((short) 0x0800).put(ip.array());
        frame(frame.array(), timeMillis);
        return length;
    }

    /** Any Ethernet frame (VLAN tags, IPv6, ...), captured whole at {@code timeMillis}. */
    public void frame(byte[] frame, long timeMillis) {
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt((int) (timeMillis / 1000)).putInt((int) (timeMillis % 1000 * 1000))
                .putInt(frame.length).putInt(frame.length);
        out.writeBytes(record.array());
        out.writeBytes(frame);
        packets++;
    }

    private static byte[] v4(String address) {
        try {
            InetAddress inet = InetAddress.getByName(address);
            if (!(inet instanceof Inet4Address)) {
                throw new IllegalArgumentException(address + " is not IPv4");
            }
            return inet.getAddress();
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    private static short checksum(byte[] b, int off, int len) {
        int sum = 0;
        for (int i = off; i < off + len; i += 2) {
            sum += (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
