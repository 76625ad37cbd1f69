package org.bwnetflow.connect.filter;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/** Named flows the filter tests run every expression on. */
final class ExampleFlows {

    private ExampleFlows() {
    }

    /** dns4, web6, icmp4, empty (every field absent). */
    static Map<String, Struct> all() {
        Map<String, Struct> flows = new LinkedHashMap<>();
        flows.put("dns4", dns4());
        flows.put("web6", web6());
        flows.put("icmp4", icmp4());
        flows.put("empty", FlowMessageSchema.newFlow());
        return flows;
    }

    /** 10.1.2.3:40000 to 192.0.2.53:53 over UDP, from DE (AS 64501) to US (AS 15169), customer 1200. */
    static Struct dns4() {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setBytes(flow, FlowField.SRC_ADDR, address("10.1.2.3"));
        Flows.setBytes(flow, FlowField.DST_ADDR, address("192.0.2.53"));
        Flows.setBytes(flow, FlowField.SAMPLER_ADDRESS, address("198.51.100.1"));
        Flows.setBytes(flow, FlowField.NEXT_HOP, address("192.0.2.254"));
        Flows.setNumber(flow, FlowField.SRC_PORT, 40000);
        Flows.setNumber(flow, FlowField.DST_PORT, 53);
        Flows.setNumber(flow, FlowField.PROTO, 17);
        Flows.setNumber(flow, FlowField.BYTES, 1500);
        Flows.setNumber(flow, FlowField.PACKETS, 3);
        Flows.setNumber(flow, FlowField.SRC_AS, 64501);
        Flows.setNumber(flow, FlowField.DST_AS, 15169);
        Flows.setNumber(flow, FlowField.NEXT_HOP_AS, 64510);
        Flows.setNumber(flow, FlowField.IN_IF, 3);
        Flows.setNumber(flow, FlowField.OUT_IF, 7);
        Flows.setNumber(flow, FlowField.CID, 1200);
        Flows.setNumber(flow, FlowField.ETYPE, 0x0800);
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, 1_796_000_000L);
        Flows.setEnum(flow, FlowField.TYPE, 4);
        Flows.setText(flow, FlowField.SRC_IF_NAME, "et-0/0/1");
        Flows.setText(flow, FlowField.DST_IF_NAME, "ae0");
        Flows.setText(flow, FlowField.SRC_COUNTRY, "DE");
        Flows.setText(flow, FlowField.DST_COUNTRY, "US");
        flow.put("HasMPLS", true);
        flow.put("DstAsPath", List.of(64500L, 15169L));
        flow.put("DstCommunities", List.of(64500L << 16 | 100));
        return flow;
    }

    /** [2001:db8::1]:443 to [2001:db8:1::5]:51000 over TCP, 100 kB, customer 1300, to NL. */
    static Struct web6() {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setBytes(flow, FlowField.SRC_ADDR, address("2001:db8::1"));
        Flows.setBytes(flow, FlowField.DST_ADDR, address("2001:db8:1::5"));
        Flows.setBytes(flow, FlowField.SAMPLER_ADDRESS, address("2001:db8::fe"));
        Flows.setNumber(flow, FlowField.SRC_PORT, 443);
        Flows.setNumber(flow, FlowField.DST_PORT, 51000);
        Flows.setNumber(flow, FlowField.PROTO, 6);
        Flows.setNumber(flow, FlowField.BYTES, 100_000);
        Flows.setNumber(flow, FlowField.PACKETS, 80);
        Flows.setNumber(flow, FlowField.SRC_AS, 64500);
        Flows.setNumber(flow, FlowField.DST_AS, 64500);
        Flows.setNumber(flow, FlowField.IN_IF, 7);
        Flows.setNumber(flow, FlowField.OUT_IF, 2_147_483_651L);
        Flows.setNumber(flow, FlowField.CID, 1300);
        Flows.setNumber(flow, FlowField.ETYPE, 0x86DD);
        Flows.setText(flow, FlowField.DST_COUNTRY, "NL");
        Flows.setText(flow, FlowField.NOTE, "say \"hi\"");
        flow.put("SrcAsPath", List.of(64500L));
        return flow;
    }

    /** 172.16.0.1 pings 10.9.9.9 (ICMP echo), from CN, 64 bytes. */
    static Struct icmp4() {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setBytes(flow, FlowField.SRC_ADDR, address("172.16.0.1"));
        Flows.setBytes(flow, FlowField.DST_ADDR, address("10.9.9.9"));
        Flows.setNumber(flow, FlowField.PROTO, 1);
        Flows.setNumber(flow, FlowField.BYTES, 64);
        Flows.setNumber(flow, FlowField.PACKETS, 1);
        Flows.setNumber(flow, FlowField.ICMP_TYPE, 8);
        Flows.setText(flow, FlowField.SRC_COUNTRY, "CN");
        return flow;
    }

    static byte[] address(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
