package org.bwnetflow.connect.netflow.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.netflow.testing.CodecRun.text;

import java.util.List;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.junit.jupiter.api.Test;

/**
 * What softflowd and pmacct really send (captures/README.md), decoded: biflows, pmacct's
 * microsecond timevals, and ICMP type/code however it came. The expected values come from the
 * capture's input packets (INPUT-PACKETS.txt), not from this decoder.
 */
class ExporterCapturesTest {

    /** Datagrams were captured on 2026-11-27; any "now" near that works. */
    private static final long NOW = 1_795_789_900_000L;

    private static DecodedFlow find(List<DecodedFlow> flows, String src, long srcPort, String dst) {
        return flows.stream().filter(f -> text(f.srcAddrCopy()).equals(src) && f.srcPort() == srcPort
                && text(f.dstAddrCopy()).equals(dst)).findFirst()
                .orElseThrow(() -> new AssertionError("no flow " + src + ":" + srcPort + " > " + dst + " in " + flows.size()));
    }

    @Test
    void softflowdBiflowsBecomeOneFlowPerDirection() {
        CodecRun run = new CodecRun().decodeCapture("sf_v10_b", NOW);
        DecoderCounters c = run.decoder.counters();
        assertThat(c.malformed()).isZero();
        assertThat(c.reverseFlows()).isEqualTo(2); // the TCP conversation, and the echo reply (forward side empty)

        DecodedFlow client = find(run.flows, "10.1.0.1", 40000, "198.51.100.7");
        assertThat(client.bytes()).isEqualTo(840);
        assertThat(client.packets()).isEqualTo(6);
        assertThat(client.dstPort()).isEqualTo(443);
        assertThat(client.biFlowDirection()).isEqualTo(DecodedFlow.BIFLOW_FORWARD);

        DecodedFlow server = find(run.flows, "198.51.100.7", 443, "10.1.0.1");
        assertThat(server.bytes()).isEqualTo(3840);
        assertThat(server.packets()).isEqualTo(6);
        assertThat(server.dstPort()).isEqualTo(40000);
        assertThat(server.biFlowDirection()).isEqualTo(DecodedFlow.BIFLOW_REVERSE);
        assertThat(server.inIf()).isEqualTo(client.outIf());
        // first and last packet of the conversation: 1795787993.123456 and ...994.345677; softflowd
        // exports them in milliseconds since its init (IE 160), wrapped below zero
        assertThat(server.timeFlowStartMillis()).isEqualTo(client.timeFlowStartMillis()).isEqualTo(1_795_787_993_122L);
        assertThat(client.timeFlowEndMillis()).isEqualTo(1_795_787_994_344L);

        DecodedFlow reply = find(run.flows, "192.0.2.9", 0, "10.1.0.3");
        assertThat(reply.packets()).isEqualTo(2);
        assertThat(reply.bytes()).isEqualTo(168);
        assertThat(reply.icmpType()).isZero();
        assertThat(run.flows.stream().filter(f -> text(f.srcAddrCopy()).equals("10.1.0.3") && f.icmpType() == 0))
                .as("the empty forward half of the reply's record is not a flow").isEmpty();
        assertThat(c.flows()).isEqualTo(run.flows.size());
    }

    @Test
    void whenTheInitiatorHasTheHigherAddressItsFlowIsTheReverseHalf() {
        CodecRun run = new CodecRun().decodeCapture("sf_v10_b_order", NOW);
        DecodedFlow udp = find(run.flows, "192.0.2.77", 1000, "10.0.0.5");
        assertThat(udp.dstPort()).isEqualTo(2000);
        assertThat(udp.bytes()).isEqualTo(38);
        assertThat(udp.packets()).isEqualTo(1);
        assertThat(run.flows).noneMatch(f -> text(f.srcAddrCopy()).equals("10.0.0.5"));
        DecodedFlow client = find(run.flows, "203.0.113.50", 50000, "10.9.9.9");
        assertThat(client.bytes()).isEqualTo(170);
        assertThat(client.packets()).isEqualTo(3);
        DecodedFlow server = find(run.flows, "10.9.9.9", 22, "203.0.113.50");
        assertThat(server.bytes()).isEqualTo(1180);
        assertThat(server.packets()).isEqualTo(2);
    }

    @Test
    void pmacctMicrosecondTimevalsDecodeToTheCapturedPacketTimes() {
        for (String capture : List.of("pm_v9_usec", "pm_v10_usec")) {
            CodecRun run = new CodecRun().decodeCapture(capture, NOW);
            assertThat(run.decoder.counters().timeFieldsUnusualLength()).as(capture).isZero();
            DecodedFlow tcp = find(run.flows, "10.1.0.1", 40000, "198.51.100.7");
            assertThat(tcp.timeFlowStartMillis()).as(capture).isEqualTo(1_795_787_993_123L); // packet 1, .123456
            assertThat(tcp.timeFlowEndMillis()).as(capture).isEqualTo(1_795_787_994_345L); // packet 12, .345677
            assertThat(tcp.bytes()).isEqualTo(840);
            DecodedFlow udp = find(run.flows, "10.1.0.2", 5353, "203.0.113.9");
            assertThat(udp.timeFlowStartMillis()).as(capture).isEqualTo(1_795_787_994_567L); // packet 13
        }
    }

    @Test
    void icmpTypeAndCodeComeFromTheDestinationPortOrTheirOwnField() {
        for (String capture : List.of("pm_v9_usec", "pm_v10_usec", "pm_v5", "sf_v9", "sf_v10_b")) {
            CodecRun run = new CodecRun().decodeCapture(capture, NOW);
            DecodedFlow request = find(run.flows, "10.1.0.3", 0, "192.0.2.9");
            assertThat(request.proto()).isEqualTo(1);
            assertThat(request.icmpType()).as(capture).isEqualTo(8);
            assertThat(request.icmpCode()).as(capture).isZero();
            DecodedFlow unreachable = find(run.flows, "10.1.0.4", 0, "192.0.2.10");
            assertThat(unreachable.icmpType()).as(capture).isEqualTo(3);
            assertThat(unreachable.icmpCode()).as(capture).isEqualTo(3);
            assertThat(run.flows).as(capture).filteredOn(f -> f.proto() == 6 || f.proto() == 17)
                    .allSatisfy(f -> assertThat(f.icmpType() + f.icmpCode()).isZero());
        }
        CodecRun v6 = new CodecRun().decodeCapture("pm_v9_usec", NOW);
        DecodedFlow echo6 = find(v6.flows, "2001:db8:0:0:0:0:0:1", 0, "2001:db8:0:0:0:0:0:2");
        assertThat(echo6.proto()).isEqualTo(58);
        assertThat(echo6.icmpType()).isEqualTo(128);
    }
}
