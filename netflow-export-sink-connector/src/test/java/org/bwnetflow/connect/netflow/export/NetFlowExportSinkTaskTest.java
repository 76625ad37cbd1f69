package org.bwnetflow.connect.netflow.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_MAC;
import static org.bwnetflow.connect.model.FlowField.DST_NET;
import static org.bwnetflow.connect.model.FlowField.DST_VLAN;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_MAC;
import static org.bwnetflow.connect.model.FlowField.SRC_NET;
import static org.bwnetflow.connect.model.FlowField.SRC_VLAN;
import static org.bwnetflow.connect.model.FlowField.TCP_FLAGS;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_END;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_START;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.export.testing.ExportTestFlows;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The task over loopback UDP: what it sends, our own decoder reads back field for field. */
class NetFlowExportSinkTaskTest {

    private static final long NOW_SECONDS = System.currentTimeMillis() / 1000;
    private static final TopicPartition PARTITION = new TopicPartition("flows-1000", 0);

    private DatagramSocket collector;
    private NetFlowExportSinkTask task;

    @BeforeEach
    void openCollector() throws IOException {
        collector = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        collector.setReceiveBufferSize(4 << 20);
        collector.setSoTimeout(300);
    }

    @AfterEach
    void close() {
        if (task != null) {
            task.stop();
        }
        collector.close();
    }

    private void start(String protocol, String... more) {
        Map<String, String> props = new HashMap<>();
        props.put(NetFlowExportSinkConfig.COLLECTORS, "127.0.0.1:" + collector.getLocalPort());
        props.put(NetFlowExportSinkConfig.PROTOCOL, protocol);
        for (int i = 0; i < more.length; i += 2) {
            props.put(more[i], more[i + 1]);
        }
        task = new NetFlowExportSinkTask();
        task.start(props);
    }

    static Struct flow(int i) {
        return ExportTestFlows.flow(i, NOW_SECONDS);
    }

    private static List<SinkRecord> records(int count) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new SinkRecord(PARTITION.topic(), PARTITION.partition(), Schema.BYTES_SCHEMA, null,
                    FlowMessageSchema.SCHEMA, flow(i), i));
        }
        return records;
    }

    private List<byte[]> receiveAll() throws IOException {
        List<byte[]> datagrams = new ArrayList<>();
        byte[] buffer = new byte[65_536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                collector.receive(packet);
            } catch (SocketTimeoutException e) {
                return datagrams;
            }
            datagrams.add(Arrays.copyOf(packet.getData(), packet.getLength()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NETFLOW_V9", "IPFIX"})
    void everyExportedFieldComesBackThroughOurDecoder(String protocol) throws IOException {
        start(protocol);
        int count = 300;
        task.put(records(count));
        Map<TopicPartition, OffsetAndMetadata> committed = task.preCommit(
                Map.of(PARTITION, new OffsetAndMetadata(count)));
        List<byte[]> datagrams = receiveAll();

        assertThat(committed).containsEntry(PARTITION, new OffsetAndMetadata(count));
        assertThat(datagrams).allSatisfy(d -> assertThat(d.length).isLessThanOrEqualTo(1400));
        Set<Long> domains = new HashSet<>();
        CodecRun run = new CodecRun();
        for (byte[] datagram : datagrams) {
            domains.add(ByteBuffer.wrap(datagram).getInt(protocol.equals("IPFIX") ? 12 : 16) & 0xffff_ffffL);
            run.decode(datagram, System.currentTimeMillis());
        }
        assertThat(domains).as("one domain per exporter, its IPv4 address as a number")
                .containsExactlyInAnyOrder(0x7f00_000aL, 0x7f00_000bL);
        assertThat(run.decoder.counters().templateMisses()).isZero();
        assertThat(run.decoder.counters().sequenceGaps()).isZero();
        assertThat(run.flows).hasSize(count);
        for (DecodedFlow got : run.flows) {
            Struct want = flow((int) got.srcPort() - 30_000);
            assertThat(got.srcAddrCopy()).containsExactly(Flows.bytes(want, org.bwnetflow.connect.model.FlowField.SRC_ADDR));
            assertThat(got.dstAddrCopy()).containsExactly(Flows.bytes(want, org.bwnetflow.connect.model.FlowField.DST_ADDR));
            assertThat(got.nextHopCopy()).containsExactly(Flows.bytes(want, NEXT_HOP));
            assertThat(got.bytes()).isEqualTo(Flows.number(want, BYTES));
            assertThat(got.packets()).isEqualTo(Flows.number(want, PACKETS));
            assertThat(got.timeFlowStartMillis() / 1000).isEqualTo(Flows.number(want, TIME_FLOW_START));
            assertThat(got.timeFlowEndMillis() / 1000).isEqualTo(Flows.number(want, TIME_FLOW_END));
            assertThat(got.dstPort()).isEqualTo(443);
            assertThat(got.proto()).isEqualTo(Flows.number(want, PROTO));
            assertThat(got.tcpFlags()).isEqualTo(Flows.number(want, TCP_FLAGS));
            assertThat(got.ipTos()).isEqualTo(0x20);
            assertThat(got.inIf()).isEqualTo(Flows.number(want, IN_IF));
            assertThat(got.outIf()).isEqualTo(Flows.number(want, OUT_IF));
            assertThat(got.srcAs()).isEqualTo(Flows.number(want, SRC_AS));
            assertThat(got.dstAs()).isEqualTo(4_200_000_000L);
            assertThat(got.srcNet()).isEqualTo(Flows.number(want, SRC_NET));
            assertThat(got.dstNet()).isEqualTo(Flows.number(want, DST_NET));
            assertThat(got.flowDirection()).isEqualTo(Flows.number(want, FLOW_DIRECTION));
            assertThat(got.srcMac()).isEqualTo(Flows.number(want, SRC_MAC));
            assertThat(got.dstMac()).isEqualTo(Flows.number(want, DST_MAC));
            assertThat(got.srcVlan()).isEqualTo(Flows.number(want, SRC_VLAN));
            assertThat(got.dstVlan()).isEqualTo(Flows.number(want, DST_VLAN));
        }
    }

    @Test
    void aFullDatagramGoesAtOnceTheRestOnlyOnTheTimerOrCommit() throws IOException {
        start("IPFIX", NetFlowExportSinkConfig.FLUSH_INTERVAL_MS, "60000",
                NetFlowExportSinkConfig.DOMAIN_MODE, "single");
        task.put(records(3));
        assertThat(receiveAll()).as("three flows wait for more").isEmpty();
        assertThat(task.preCommit(Map.of(PARTITION, new OffsetAndMetadata(3))))
                .as("a commit sends them first, then commits them").containsEntry(PARTITION, new OffsetAndMetadata(3));
        assertThat(receiveAll()).hasSize(1);

        task.put(records(40));
        assertThat(receiveAll()).as("full datagrams go at once").isNotEmpty();
        assertThat(task.pendingFlows()).isPositive();
    }

    @Test
    void theFlushIntervalSendsAQuietDomain() throws Exception {
        start("NETFLOW_V9", NetFlowExportSinkConfig.FLUSH_INTERVAL_MS, "200");
        task.put(records(2));
        Thread.sleep(300);
        task.put(List.of()); // Connect calls put with nothing when no records came
        assertThat(receiveAll()).hasSize(2); // one per exporter
        assertThat(task.pendingFlows()).isZero();
    }

    @Test
    void samplingIsAnnouncedForFlowsNotScaledYet() throws IOException {
        start("NETFLOW_V9", NetFlowExportSinkConfig.DOMAIN_MODE, "single");
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Struct flow = flow(i);
            // 0, 1: unsampled; 2, 3: 1 in 64; 4: 1 in 64 but already scaled (Normalized); 5: 1 in 64 again
            Flows.setNumber(flow, org.bwnetflow.connect.model.FlowField.SAMPLING_RATE, i < 2 ? 0 : 64);
            Flows.setEnum(flow, org.bwnetflow.connect.model.FlowField.NORMALIZED, i == 4 ? 1 : 0);
            records.add(new SinkRecord(PARTITION.topic(), 0, null, null, FlowMessageSchema.SCHEMA, flow, i));
        }
        task.put(records);
        task.preCommit(Map.of(PARTITION, new OffsetAndMetadata(6)));
        CodecRun run = new CodecRun();
        receiveAll().forEach(d -> run.decode(d, System.currentTimeMillis()));

        Map<Long, Long> rateBySourcePort = new HashMap<>();
        run.flows.forEach(f -> rateBySourcePort.put(f.srcPort() - 30_000, f.samplingRate()));
        assertThat(rateBySourcePort).containsExactlyInAnyOrderEntriesOf(
                Map.of(0L, 0L, 1L, 0L, 2L, 64L, 3L, 64L, 4L, 1L, 5L, 64L));
        assertThat(run.decoder.counters().sequenceGaps()).isZero();
    }

    @Test
    void withExporterSourceAddressesEachDomainSendsFromItsExporter() throws IOException {
        start("IPFIX", NetFlowExportSinkConfig.SOURCE_ADDRESS_MODE, "EXPORTER");
        task.put(records(10));
        task.preCommit(Map.of(PARTITION, new OffsetAndMetadata(10)));
        Set<String> sources = new HashSet<>();
        byte[] buffer = new byte[65_536];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                collector.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            long domain = ByteBuffer.wrap(packet.getData()).getInt(12) & 0xffff_ffffL;
            sources.add(packet.getAddress().getHostAddress() + " domain " + domain);
        }
        // The loopback exporters are this host's own addresses: no privilege needed.
        assertThat(sources).containsExactlyInAnyOrder("127.0.0.10 domain 2130706442", "127.0.0.11 domain 2130706443");
    }

    @Test
    void flowsWithoutAnAddressPairAreSkippedAndCommitted() throws IOException {
        start("IPFIX");
        task.put(List.of(new SinkRecord("flows-1000", 0, null, null, FlowMessageSchema.SCHEMA, FlowMessageSchema.newFlow(), 0),
                new SinkRecord("flows-1000", 0, null, null, FlowMessageSchema.SCHEMA, FlowMessageSchema.newFlow(), 1)));
        assertThat(task.preCommit(Map.of(PARTITION, new OffsetAndMetadata(2))))
                .containsEntry(PARTITION, new OffsetAndMetadata(2));
        assertThat(receiveAll()).isEmpty();
        assertThat(task.counter("records-skipped")).isEqualTo(2);
    }
}
