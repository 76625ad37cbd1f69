package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.TPID_DOT1Q;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.flowctl.testing.PcapWriter;
import org.bwnetflow.connect.stack.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * sFlow v5 from a real exporter into the connector in the real worker: pmacct's pmacctd (Debian)
 * reads a capture the test writes (IPv4 and IPv6, VLAN-tagged and untagged, TCP, UDP, ICMP and
 * ICMPv6) and exports it with its sfprobe plugin. A relay between the two keeps every datagram,
 * so the same datagrams are also decoded by Wireshark's sFlow dissector (tshark) and by
 * {@code flowctl decode --pcap}.
 */
@ExtendWith(LocalStack.class)
class SFlowSourceWorkerIT {

    private static final String CONNECTOR_CLASS = "org.bwnetflow.connect.netflow.source.NetFlowSourceConnector";
    private static final String AGENT = "127.0.0.9";
    private static final int FILLER = 40;

    @TempDir
    Path tmp;

    /** Sampling 1: every packet of the capture is one flow record, and every field agrees with tshark. */
    @Test
    void everyPacketIsOneRecordAndEveryFieldAgreesWithWireshark() throws Exception {
        Map<String, SampledPacket> packets = capture(tmp.resolve("in.pcap"), 8);
        String topic = "flows-sflow-" + UUID.randomUUID();
        int port = createConnector(topic);
        SFlowRelay relay = SFlowRelay.start(port);
        Pmacctd.sfprobe(tmp, tmp.resolve("in.pcap"), relay.port(), AGENT, 1).run();

        List<Struct> records = of(packets, awaitRecords(topic, packets.size()));
        Map<String, TsharkSample> wireshark = Tshark.flowSamples(relay.writePcap(tmp.resolve("sflow.pcap")));
        relay.close();
        wireshark.keySet().retainAll(packets.keySet());
        assertThat(wireshark.keySet()).as("a sample of each packet, seen by tshark").isEqualTo(packets.keySet());
        assertThat(records).as("a record of each packet").hasSize(packets.size());
        for (Struct record : records) {
            SFlowRecord flow = new SFlowRecord(record);
            SampledPacket packet = packets.get(flow.srcAddr());
            assertThat(packet).as("a record for a packet of the capture: " + flow.srcAddr()).isNotNull();
            packet.assertMatches(flow, 1);
            Tshark.assertAgrees(wireshark.get(flow.srcAddr()), flow);
        }
        assertThat(records).extracting(r -> new SFlowRecord(r).srcAddr()).doesNotHaveDuplicates();

        FlowCtlRun decoded = FlowCtlRun.run("decode", "--pcap", tmp.resolve("sflow.pcap").toString());
        assertThat(decoded.exitCode).as(decoded.err).isZero();
        List<JsonNode> decodedFlows = decoded.jsonLines();
        assertThat(decoded.err).contains("sflow-samples=" + decodedFlows.size());
        assertThat(decodedFlows.stream().map(f -> f.get("SrcAddr").asText()).filter(packets::containsKey))
                .as("flowctl decode: a flow of each packet").hasSize(packets.size());
        assertThat(decodedFlows).allSatisfy(flow -> {
            assertThat(flow.get("Type").asText()).isEqualTo("SFLOW_5");
            assertThat(flow.get("SamplerAddress").asText()).isEqualTo(AGENT);
        });
    }

    /**
     * Sampling 1 in 10: about one record per ten packets, each a packet of the capture with SamplingRate
     * 10, so that the records times 10 estimate the capture's packets.
     */
    @Test
    void sampledTrafficCarriesItsRateAndScalesToTheCapture() throws Exception {
        Map<String, SampledPacket> packets = capture(tmp.resolve("in.pcap"), 100);
        String topic = "flows-sflow-sampled-" + UUID.randomUUID();
        int port = createConnector(topic);
        SFlowRelay relay = SFlowRelay.start(port);
        Pmacctd.sfprobe(tmp, tmp.resolve("in.pcap"), relay.port(), AGENT, 10).run();

        Map<String, TsharkSample> wireshark = Tshark.flowSamples(relay.writePcap(tmp.resolve("sflow.pcap")));
        relay.close();
        wireshark.keySet().retainAll(packets.keySet());
        int samples = wireshark.size();
        // sfprobe picks at random (sFlow's random skip), so the scaled count estimates within a margin
        assertThat(samples * 10.0).as("1 in 10 of %d packets, scaled back", packets.size())
                .isCloseTo(packets.size(), withPercentage(25));
        List<Struct> records = of(packets, awaitRecords(topic, samples));
        assertThat(records).as("a record of each sample").hasSize(samples);
        for (Struct record : records) {
            SFlowRecord flow = new SFlowRecord(record);
            packets.get(flow.srcAddr()).assertMatches(flow, 10);
            Tshark.assertAgrees(wireshark.get(flow.srcAddr()), flow);
        }
    }

    /**
     * A capture of {@code perKind} packets of each kind, each from its own source address (the key
     * that finds it again): IPv4 TCP, UDP and ICMP, IPv6 TCP, UDP and ICMPv6, and IPv4 UDP and IPv6
     * TCP in VLANs 42 and 100; payloads of growing length so byte counts differ.
     */
    private static Map<String, SampledPacket> capture(Path file, int perKind) throws Exception {
        PcapWriter pcap = new PcapWriter();
        Map<String, SampledPacket> packets = new HashMap<>();
        long time = 1_800_000_000_000L;
        for (int i = 1; i <= perKind; i++) {
            byte[] payload = new byte[i * 17 % 900];
            for (int kind = 0; kind < KINDS.size(); kind++) {
                SampledPacket packet = packet(kind, i);
                byte[] frame = packet.frame(payload);
                packets.put(packet.src(), packet.withFrameLength(frame.length));
                pcap.frame(frame, time);
                time += 3;
            }
        }
        // pmacctd exits without sending the samples still waiting for a full datagram: filler packets
        // (not expected, from 192.0.2.0/24) behind the real ones carry those out
        for (int i = 1; i <= FILLER; i++) {
            pcap.udp("192.0.2." + i, "203.0.113.1", 9, 9, new byte[100], time++);
        }
        pcap.writeTo(file);
        return packets;
    }

    /** A kind of packet in the capture: IP version, protocol, VLAN (0: untagged). */
    private record Kind(boolean v6, int proto, int vlan) {
    }

    private static final List<Kind> KINDS = List.of(new Kind(false, 6, 0), new Kind(false, 17, 0),
            new Kind(false, 1, 0), new Kind(true, 6, 0), new Kind(true, 17, 0), new Kind(true, 58, 0),
            new Kind(false, 17, 42), new Kind(true, 6, 100));

    /** The {@code i}th packet of kind {@code k}: its own source address, ToS, TTL and id. */
    private static SampledPacket packet(int k, int i) {
        Kind kind = KINDS.get(k);
        String src = kind.v6() ? "2001:db8:" + (k + 1) + "::" + Integer.toHexString(i) : "198.51." + (100 + k) + "." + i;
        String dst = kind.v6() ? "2001:db8:ffff::1" : "203.0.113.1";
        boolean tcp = kind.proto() == 6;
        return new SampledPacket(src, dst, kind.proto(), 30_000 + i, tcp ? 443 : 53, tcp ? 0x12 : 0, k * 8, 64 - k,
                kind.vlan() == 0 ? 0 : TPID_DOT1Q << 16 | kind.vlan(), i * 7 + k, kind.v6(), 0);
    }

    private static int createConnector(String topic) {
        int port = FreePorts.udp();
        Map<String, String> config = Map.of(
                "connector.class", CONNECTOR_CLASS,
                "tasks.max", "1",
                "topic", topic,
                "listen.address", "127.0.0.1",
                "listen.port", String.valueOf(port),
                "exporter.allowlist", "127.0.0.0/8",
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.bwnetflow.connect.model.FlowMessageConverter");
        String name = "sflow-" + port;
        LocalStack.rest().createOrReplaceConnector(name, config);
        LocalStack.rest().awaitRunning(name, LocalStack.timeout());
        return port;
    }

    /** The records of the capture's packets (not of the filler behind them). */
    private static List<Struct> of(Map<String, SampledPacket> packets, List<Struct> records) {
        return records.stream().filter(r -> packets.containsKey(new SFlowRecord(r).srcAddr())).toList();
    }

    private static List<Struct> awaitRecords(String topic, int count) {
        try (FlowTopic flows = new FlowTopic(LocalStack.broker().bootstrapServers(), topic)) {
            flows.awaitFlows(count, LocalStack.timeout());
            return flows.settle(Duration.ofSeconds(2));
        }
    }
}
