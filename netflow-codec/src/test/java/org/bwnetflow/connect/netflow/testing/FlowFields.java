package org.bwnetflow.connect.netflow.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;

/**
 * A decoded flow's values under their FlowMessage field names, the names
 * {@code testdata/netflow/EXPECTED.md} translates the exporters' fields to: addresses as text
 * ("" when absent), MACs as {@code aa:bb:..}, flow times in seconds as FlowMessage carries them,
 * every other value as a Long (a String for interface names). The codec's tests state what a
 * datagram decodes to in these names; the source's {@code FlowStructMapperTest} checks that its
 * Structs hold the same values under the same names.
 */
public final class FlowFields {

    private static final Map<String, Function<DecodedFlow, Object>> FIELDS = fields();

    private FlowFields() {
    }

    private static Map<String, Function<DecodedFlow, Object>> fields() {
        Map<String, Function<DecodedFlow, Object>> f = new LinkedHashMap<>();
        f.put("Type", flow -> (long) flow.type());
        f.put("TimeReceived", flow -> flow.timeReceivedMillis() / 1000);
        f.put("SamplingRate", DecodedFlow::samplingRate);
        f.put("SequenceNum", DecodedFlow::sequenceNum);
        f.put("TimeFlowStart", flow -> flow.timeFlowStartMillis() / 1000);
        f.put("TimeFlowEnd", flow -> flow.timeFlowEndMillis() / 1000);
        f.put("SrcAddr", flow -> addressText(flow.srcAddrCopy()));
        f.put("DstAddr", flow -> addressText(flow.dstAddrCopy()));
        f.put("NextHop", flow -> addressText(flow.nextHopCopy()));
        f.put("SamplerAddress", flow -> flow.exporterAddress() == null ? "" : addressText(flow.exporterAddress()));
        f.put("Bytes", DecodedFlow::bytes);
        f.put("Packets", DecodedFlow::packets);
        f.put("NextHopAS", DecodedFlow::nextHopAs);
        f.put("SrcAS", DecodedFlow::srcAs);
        f.put("DstAS", DecodedFlow::dstAs);
        f.put("SrcNet", DecodedFlow::srcNet);
        f.put("DstNet", DecodedFlow::dstNet);
        f.put("InIf", DecodedFlow::inIf);
        f.put("OutIf", DecodedFlow::outIf);
        f.put("Proto", DecodedFlow::proto);
        f.put("SrcPort", DecodedFlow::srcPort);
        f.put("DstPort", DecodedFlow::dstPort);
        f.put("IPTos", DecodedFlow::ipTos);
        f.put("ForwardingStatus", DecodedFlow::forwardingStatus);
        f.put("IPTTL", DecodedFlow::ipTtl);
        f.put("TCPFlags", DecodedFlow::tcpFlags);
        f.put("SrcMac", flow -> macText(flow.srcMac()));
        f.put("DstMac", flow -> macText(flow.dstMac()));
        f.put("VlanId", DecodedFlow::vlanId);
        f.put("Etype", DecodedFlow::etype);
        f.put("IcmpType", DecodedFlow::icmpType);
        f.put("IcmpCode", DecodedFlow::icmpCode);
        f.put("SrcVlan", DecodedFlow::srcVlan);
        f.put("DstVlan", DecodedFlow::dstVlan);
        f.put("FragmentId", DecodedFlow::fragmentId);
        f.put("FragmentOffset", DecodedFlow::fragmentOffset);
        f.put("IPv6FlowLabel", DecodedFlow::ipv6FlowLabel);
        f.put("IngressVrfID", DecodedFlow::ingressVrfId);
        f.put("EgressVrfID", DecodedFlow::egressVrfId);
        f.put("BiFlowDirection", DecodedFlow::biFlowDirection);
        f.put("FlowDirection", DecodedFlow::flowDirection);
        f.put("HasMPLS", flow -> flow.mplsCount() > 0);
        f.put("MPLSCount", flow -> (long) flow.mplsCount());
        f.put("MPLS1Label", flow -> flow.mplsLabel(0));
        f.put("MPLS2Label", flow -> flow.mplsLabel(1));
        f.put("MPLS3Label", flow -> flow.mplsLabel(2));
        f.put("MPLSLastLabel", DecodedFlow::mplsLastLabel);
        f.put("SrcIfName", flow -> text(flow.srcIfName()));
        f.put("SrcIfDesc", flow -> text(flow.srcIfDesc()));
        f.put("DstIfName", flow -> text(flow.dstIfName()));
        f.put("DstIfDesc", flow -> text(flow.dstIfDesc()));
        return Collections.unmodifiableMap(f);
    }

    /** The FlowMessage field names this table knows, in FlowMessage order. */
    public static Set<String> names() {
        return FIELDS.keySet();
    }

    public static Object value(DecodedFlow flow, String name) {
        Function<DecodedFlow, Object> field = FIELDS.get(name);
        if (field == null) {
            throw new IllegalArgumentException("no FlowMessage field " + name + " in FlowFields");
        }
        return field.apply(flow);
    }

    /** Every field of the flow, by name. */
    public static Map<String, Object> of(DecodedFlow flow) {
        Map<String, Object> values = new LinkedHashMap<>();
        FIELDS.forEach((name, field) -> values.put(name, field.apply(flow)));
        return values;
    }

    public static String addressText(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return "invalid:" + bytes.length;
        }
    }

    public static String macText(long mac) {
        StringBuilder sb = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", mac >>> shift & 0xFF));
        }
        return sb.toString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
