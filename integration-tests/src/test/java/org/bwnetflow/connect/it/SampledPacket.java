package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_MAC;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.ETYPE;
import static org.bwnetflow.connect.model.FlowField.ICMP_TYPE;
import static org.bwnetflow.connect.model.FlowField.IPV6_FLOW_LABEL;
import static org.bwnetflow.connect.model.FlowField.IP_TOS;
import static org.bwnetflow.connect.model.FlowField.IP_TTL;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;
import static org.bwnetflow.connect.model.FlowField.SRC_MAC;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;
import static org.bwnetflow.connect.model.FlowField.TCP_FLAGS;
import static org.bwnetflow.connect.model.FlowField.TYPE;
import static org.bwnetflow.connect.model.FlowField.VLAN_ID;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ETHERTYPE_IPV4;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ETHERTYPE_IPV6;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.MAC_A;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.MAC_B;

import java.nio.ByteBuffer;
import org.bwnetflow.connect.netflow.testing.SFlowDatagrams;

/**
 * One packet of a capture the sFlow test writes, and what a flow record of it must say. The
 * {@code id} is the IPv4 identification or the IPv6 flow label; {@code tag} a whole 802.1Q tag
 * (TPID and TCI) or 0.
 */
record SampledPacket(String src, String dst, int proto, int srcPort, int dstPort, int tcpFlags, int tos, int ttl,
                     int tag, int id, boolean v6, int frameLength) {

    /** pmacctd's sfprobe reports a frame's length on the wire: the captured bytes and the 4-byte FCS. */
    static final int FCS = 4;

    SampledPacket withFrameLength(int length) {
        return new SampledPacket(src, dst, proto, srcPort, dstPort, tcpFlags, tos, ttl, tag, id, v6, length);
    }

    /** The Ethernet frame: MAC_A to MAC_B, the tag if any, IPv4 or IPv6, the transport header, the payload. */
    byte[] frame(byte[] payload) {
        byte[] transport = SFlowDatagrams.concat(transportHeader(payload.length), payload);
        byte[] ip = v6
                ? SFlowDatagrams.ipv6(src, dst, proto, tos, id, ttl, transport.length, transport)
                : SFlowDatagrams.ipv4(src, dst, proto, tos, ttl, id, 0, 20 + transport.length, transport);
        return SFlowDatagrams.ethernet(MAC_B, MAC_A, tag == 0 ? new int[0] : new int[] {tag},
                v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4, ip);
    }

    private byte[] transportHeader(int payloadLength) {
        if (proto == 6) {
            return SFlowDatagrams.tcp(srcPort, dstPort, tcpFlags);
        }
        if (proto == 17) {
            return ByteBuffer.allocate(8).putShort((short) srcPort).putShort((short) dstPort)
                    .putShort((short) (8 + payloadLength)).array();
        }
        return SFlowDatagrams.icmp(v6 ? 128 : 8, 0); // echo request
    }

    /** The record of this packet, as sampled 1 in {@code rate}, says what the packet was. */
    void assertMatches(SFlowRecord flow, long rate) {
        String what = "record of " + src;
        assertThat(flow.number(TYPE)).as(what + " Type").isEqualTo(1);
        assertThat(flow.samplerAddress()).as(what + " SamplerAddress (the agent)").isEqualTo("127.0.0.9");
        assertThat(flow.dstAddr()).as(what + " DstAddr").isEqualTo(dst);
        assertThat(flow.number(PROTO)).as(what + " Proto").isEqualTo(proto);
        boolean icmp = proto == 1 || proto == 58;
        assertThat(flow.number(SRC_PORT)).as(what + " SrcPort").isEqualTo(icmp ? 0 : srcPort);
        assertThat(flow.number(DST_PORT)).as(what + " DstPort").isEqualTo(icmp ? 0 : dstPort);
        assertThat(flow.number(ICMP_TYPE)).as(what + " IcmpType").isEqualTo(icmp ? (v6 ? 128 : 8) : 0);
        assertThat(flow.number(TCP_FLAGS)).as(what + " TCPFlags").isEqualTo(tcpFlags);
        assertThat(flow.number(IP_TOS)).as(what + " IPTos").isEqualTo(tos);
        assertThat(flow.number(IP_TTL)).as(what + " IPTTL").isEqualTo(ttl);
        assertThat(flow.number(VLAN_ID)).as(what + " VlanId").isEqualTo(tag & 0xFFF);
        assertThat(flow.number(ETYPE)).as(what + " Etype").isEqualTo(v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4);
        assertThat(flow.number(SRC_MAC)).as(what + " SrcMac").isEqualTo(MAC_A);
        assertThat(flow.number(DST_MAC)).as(what + " DstMac").isEqualTo(MAC_B);
        if (v6) {
            assertThat(flow.number(IPV6_FLOW_LABEL)).as(what + " IPv6FlowLabel").isEqualTo(id);
        }
        assertThat(flow.number(BYTES)).as(what + " Bytes (frame length)").isEqualTo(frameLength + FCS);
        assertThat(flow.number(PACKETS)).as(what + " Packets").isEqualTo(1);
        assertThat(flow.number(SAMPLING_RATE)).as(what + " SamplingRate").isEqualTo(rate);
    }
}
