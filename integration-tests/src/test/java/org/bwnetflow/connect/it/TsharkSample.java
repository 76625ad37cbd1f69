package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_MAC;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.DST_VLAN;
import static org.bwnetflow.connect.model.FlowField.ETYPE;
import static org.bwnetflow.connect.model.FlowField.FRAGMENT_ID;
import static org.bwnetflow.connect.model.FlowField.FRAGMENT_OFFSET;
import static org.bwnetflow.connect.model.FlowField.ICMP_CODE;
import static org.bwnetflow.connect.model.FlowField.ICMP_TYPE;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.IPV6_FLOW_LABEL;
import static org.bwnetflow.connect.model.FlowField.IP_TOS;
import static org.bwnetflow.connect.model.FlowField.IP_TTL;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;
import static org.bwnetflow.connect.model.FlowField.SEQUENCE_NUM;
import static org.bwnetflow.connect.model.FlowField.SRC_MAC;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;
import static org.bwnetflow.connect.model.FlowField.SRC_VLAN;
import static org.bwnetflow.connect.model.FlowField.TCP_FLAGS;
import static org.bwnetflow.connect.model.FlowField.VLAN_ID;

import com.fasterxml.jackson.databind.JsonNode;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.model.FlowField;

/**
 * One sFlow flow sample as Wireshark's dissector shows it (tshark's JSON), with the datagram's
 * agent and sequence number, and the packet header dissected through Ethernet, VLAN, IP and the
 * transport layer.
 */
record TsharkSample(String agent, long datagramSequence, JsonNode sample) {

    /** sFlow's "interface unknown" (0x3FFFFFFF), which a FlowMessage carries as 0. */
    private static final long UNKNOWN_INTERFACE = 0x3FFFFFFFL;

    private JsonNode header() {
        return sample.path("Raw packet header").path("sflow_245.header_tree");
    }

    private boolean v6() {
        return header().has("ipv6");
    }

    /** The source address of the sampled packet: the key that finds its record. */
    String srcAddr() {
        return v6() ? text(header().path("ipv6"), "ipv6.src") : text(header().path("ip"), "ip.src");
    }

    /** Every field our record carries for this sample equals what Wireshark decoded. */
    void assertAgrees(SFlowRecord flow) {
        String what = "tshark vs record of " + srcAddr();
        JsonNode h = header();
        JsonNode ip = v6() ? h.path("ipv6") : h.path("ip");
        assertThat(flow.samplerAddress()).as(what + " SamplerAddress").isEqualTo(agent);
        equal(flow, SEQUENCE_NUM, datagramSequence, what);
        equal(flow, SAMPLING_RATE, number(sample, "sflow.flow_sample.sampling_rate"), what);
        equal(flow, IN_IF, known(number(sample, "sflow.flow_sample.input_interface")), what);
        equal(flow, OUT_IF, known(number(sample.path("sflow.flow_sample.output_interface_tree"),
                "sflow.flow_sample.output_interface_value")), what);
        equal(flow, BYTES, number(sample.path("Raw packet header"), "sflow_245.header.frame_length"), what);
        assertThat(FlowJson.macText(flow.number(SRC_MAC))).as(what + " SrcMac").isEqualTo(text(h.path("eth"), "eth.src"));
        assertThat(FlowJson.macText(flow.number(DST_MAC))).as(what + " DstMac").isEqualTo(text(h.path("eth"), "eth.dst"));
        JsonNode extendedSwitch = sample.path("Extended switch data");
        if (!extendedSwitch.isMissingNode()) {
            equal(flow, SRC_VLAN, number(extendedSwitch, "sflow_245.vlan.in"), what);
            equal(flow, DST_VLAN, number(extendedSwitch, "sflow_245.vlan.out"), what);
        }
        JsonNode vlan = h.path("vlan");
        equal(flow, VLAN_ID, vlan.isMissingNode() ? 0 : number(vlan, "vlan.id"), what);
        equal(flow, ETYPE, vlan.isMissingNode() ? number(h.path("eth"), "eth.type") : number(vlan, "vlan.etype"), what);
        assertThat(flow.srcAddr()).as(what + " SrcAddr").isEqualTo(srcAddr());
        assertThat(flow.dstAddr()).as(what + " DstAddr").isEqualTo(text(ip, v6() ? "ipv6.dst" : "ip.dst"));
        if (v6()) {
            equal(flow, PROTO, number(ip, "ipv6.nxt"), what);
            equal(flow, IP_TOS, number(ip, "ipv6.tclass"), what);
            equal(flow, IP_TTL, number(ip, "ipv6.hlim"), what);
            equal(flow, IPV6_FLOW_LABEL, number(ip, "ipv6.flow"), what);
        } else {
            equal(flow, PROTO, number(ip, "ip.proto"), what);
            equal(flow, IP_TOS, number(ip, "ip.dsfield"), what);
            equal(flow, IP_TTL, number(ip, "ip.ttl"), what);
            equal(flow, FRAGMENT_ID, number(ip, "ip.id"), what);
            equal(flow, FRAGMENT_OFFSET, number(ip, "ip.frag_offset"), what);
        }
        transport(flow, h, what);
    }

    private static void transport(SFlowRecord flow, JsonNode h, String what) {
        if (h.has("tcp")) {
            equal(flow, SRC_PORT, number(h.path("tcp"), "tcp.srcport"), what);
            equal(flow, DST_PORT, number(h.path("tcp"), "tcp.dstport"), what);
            equal(flow, TCP_FLAGS, number(h.path("tcp"), "tcp.flags"), what);
        } else if (h.has("udp")) {
            equal(flow, SRC_PORT, number(h.path("udp"), "udp.srcport"), what);
            equal(flow, DST_PORT, number(h.path("udp"), "udp.dstport"), what);
        } else {
            JsonNode icmp = h.has("icmp") ? h.path("icmp") : h.path("icmpv6");
            String prefix = h.has("icmp") ? "icmp." : "icmpv6.";
            assertThat(icmp.isMissingNode()).as(what + ": tshark found TCP, UDP, ICMP or ICMPv6").isFalse();
            equal(flow, ICMP_TYPE, number(icmp, prefix + "type"), what);
            equal(flow, ICMP_CODE, number(icmp, prefix + "code"), what);
        }
    }

    private static long known(long ifIndex) {
        return ifIndex == UNKNOWN_INTERFACE ? 0 : ifIndex;
    }

    private static void equal(SFlowRecord flow, FlowField field, long wireshark, String what) {
        assertThat(flow.number(field)).as(what + " " + field.fieldName()).isEqualTo(wireshark);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        assertThat(value).as("tshark field " + field + " in " + node).isNotNull();
        return value.isArray() ? value.get(0).asText() : value.asText();
    }

    /** A number as tshark prints it: decimal, or hex with 0x. */
    private static long number(JsonNode node, String field) {
        return Long.decode(text(node, field));
    }
}
