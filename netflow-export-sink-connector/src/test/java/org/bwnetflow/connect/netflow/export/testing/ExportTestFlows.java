package org.bwnetflow.connect.netflow.export.testing;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_MAC;
import static org.bwnetflow.connect.model.FlowField.DST_NET;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.DST_VLAN;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.IP_TOS;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_MAC;
import static org.bwnetflow.connect.model.FlowField.SRC_NET;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;
import static org.bwnetflow.connect.model.FlowField.SRC_VLAN;
import static org.bwnetflow.connect.model.FlowField.TCP_FLAGS;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_END;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_START;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;

/**
 * Flows with every field the export sink writes set to a value that tells flow i apart: the
 * ground truth of its unit tests and of the collector tests (nfdump, round trip).
 */
public final class ExportTestFlows {

    private ExportTestFlows() {
    }

    /**
     * Flow i: IPv6 every third, else IPv4; from exporter 127.0.0.10 (even i) or 127.0.0.11; source
     * port 30000 + i identifies it; it ended up to 29 s before {@code nowSeconds} and lasted 60 s.
     */
    public static Struct flow(int i, long nowSeconds) {
        boolean v6 = i % 3 == 0;
        Struct flow = TestFlows.flow(v6 ? "2001:db8::" + (i + 1) : "10.0.0." + (i % 250 + 1),
                v6 ? "2001:db8:ffff::" + (i + 1) : "198.51.100." + (i % 250 + 1));
        TestFlows.withAddress(flow, NEXT_HOP, v6 ? "2001:db8:aaaa::1" : "192.0.2.1");
        TestFlows.withAddress(flow, SAMPLER_ADDRESS, i % 2 == 0 ? "127.0.0.10" : "127.0.0.11");
        Flows.setNumber(flow, BYTES, 1_000L + i);
        Flows.setNumber(flow, PACKETS, 1L + i % 17);
        Flows.setNumber(flow, TIME_FLOW_START, nowSeconds - 60 - i % 30);
        Flows.setNumber(flow, TIME_FLOW_END, nowSeconds - i % 30);
        Flows.setNumber(flow, SRC_PORT, 30_000 + i);
        Flows.setNumber(flow, DST_PORT, 443);
        Flows.setNumber(flow, PROTO, i % 2 == 0 ? 6 : 17);
        Flows.setNumber(flow, TCP_FLAGS, i % 2 == 0 ? 0x1b : 0);
        Flows.setNumber(flow, IP_TOS, 0x20);
        Flows.setNumber(flow, IN_IF, 10 + i % 4);
        Flows.setNumber(flow, OUT_IF, 100 + i % 3);
        Flows.setNumber(flow, SRC_AS, 64_500 + i % 10);
        Flows.setNumber(flow, DST_AS, 4_200_000_000L);
        Flows.setNumber(flow, SRC_NET, v6 ? 48 : 24);
        Flows.setNumber(flow, DST_NET, v6 ? 64 : 16);
        Flows.setNumber(flow, FLOW_DIRECTION, i % 2);
        Flows.setNumber(flow, SRC_MAC, 0x0200_5e00_0000L + i);
        Flows.setNumber(flow, DST_MAC, 0x0a00_2700_0000L + i);
        Flows.setNumber(flow, SRC_VLAN, 100 + i % 5);
        Flows.setNumber(flow, DST_VLAN, 200 + i % 5);
        return flow;
    }
}
