package org.bwnetflow.connect.it;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.generate.FlowGenerator;
import org.bwnetflow.connect.flowctl.generate.GeneratedFlow;
import org.bwnetflow.connect.model.Flows;

/**
 * Which generated flows belong to which customer, worked out from {@code flowctl generate}'s
 * seed and the demo prefix list (connect-configs/enrichment/demo-prefixes.csv), without the
 * pipeline: router N's customers are 10.N.0-15.x and 2001:db8:N::x; 10.0.0.0/20 and
 * 2001:db8::/48 are 1000, the more specific 10.0.8.0/21 is 1001, router 1 is 1100, router 2 is
 * 1200, router 3's customers are nobody's (0).
 *
 * <p>A flow is compared by a key of addresses, ports, protocol, bytes and packets.
 */
final class ExpectedFlows {

    private static final int[] ROUTER_CID = {1000, 1100, 1200, 0};

    private ExpectedFlows() {
    }

    /** Keys of the flows of customer {@code cid}; addresses truncated to /24 and /64 if asked. */
    static List<String> of(long seed, int exporters, int flows, int cid, boolean truncated) {
        List<String> keys = new ArrayList<>();
        for (int router = 0; router < exporters; router++) {
            FlowGenerator generator = new FlowGenerator(seed, router);
            for (int i = 0; i < flows / exporters; i++) {
                GeneratedFlow flow = generator.next();
                if (cidOf(router, flow) == cid) {
                    keys.add(key(flow.srcAddr(), flow.dstAddr(), flow.srcPort(), flow.dstPort(), flow.proto(), flow.bytes(),
                            flow.packets(), truncated));
                }
            }
        }
        return keys;
    }

    static int count(long seed, int exporters, int flows, int cid) {
        return of(seed, exporters, flows, cid, false).size();
    }

    /** Keys of flows read from a topic (their addresses as they arrived). */
    static List<String> keys(List<Struct> flows) {
        List<String> keys = new ArrayList<>();
        for (Struct f : flows) {
            keys.add(key(Flows.bytes(f, SRC_ADDR), Flows.bytes(f, DST_ADDR), (int) Flows.number(f, SRC_PORT),
                    (int) Flows.number(f, DST_PORT), (int) Flows.number(f, PROTO), Flows.number(f, BYTES),
                    Flows.number(f, PACKETS), false));
        }
        return keys;
    }

    /** The customer of a generated flow: its local side is the source of egress flows (direction 1). */
    static int cidOf(int router, GeneratedFlow flow) {
        byte[] local = flow.direction() == 1 ? flow.srcAddr() : flow.dstAddr();
        if (router == 0 && local.length == 4 && (local[2] & 0xff) >= 8) {
            return 1001;
        }
        return ROUTER_CID[router];
    }

    private static String key(byte[] src, byte[] dst, int srcPort, int dstPort, int proto, long bytes, long packets,
                              boolean truncated) {
        return text(src, truncated) + " > " + text(dst, truncated) + " " + srcPort + ">" + dstPort + " p" + proto + " "
                + bytes + "B " + packets + "P";
    }

    private static String text(byte[] address, boolean truncated) {
        byte[] copy = address.clone();
        if (truncated) {
            int keep = copy.length == 4 ? 3 : 8;
            for (int i = keep; i < copy.length; i++) {
                copy[i] = 0;
            }
        }
        try {
            return InetAddress.getByAddress(copy).getHostAddress();
        } catch (UnknownHostException e) {
            return "invalid(" + address.length + " bytes)";
        }
    }
}
