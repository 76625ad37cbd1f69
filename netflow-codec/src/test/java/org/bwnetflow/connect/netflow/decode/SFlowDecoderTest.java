package org.bwnetflow.connect.netflow.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ETHERTYPE_IPV4;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ETHERTYPE_IPV6;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ETHERTYPE_MPLS;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.MAC_A;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.MAC_B;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.TPID_DOT1AD;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.TPID_DOT1Q;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.concat;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.datagram;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ethernet;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.extendedGateway;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.extendedRouter;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.extendedSwitch;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.icmp;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ipv4;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ipv4TcpFrame;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ipv6;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ipv6Fragment;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.ipv6Options;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.mpls;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.rawHeader;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.record;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.sampledEthernet;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.sampledIp;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.tcp;
import static org.bwnetflow.connect.netflow.testing.SFlowDatagrams.udp;

import java.util.Arrays;
import java.util.Map;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.bwnetflow.connect.netflow.testing.SFlowDatagrams;
import org.junit.jupiter.api.Test;

/** sFlow v5 datagrams built by {@link SFlowDatagrams}, decoded through {@link NetFlowDecoder}. */
class SFlowDecoderTest {

    private static final long NOW = 1_700_000_000_123L;
    private static final String AGENT = "192.0.2.10";

    private final CodecRun run = new CodecRun();

    private DecodedFlow only(byte[] datagram) {
        run.decode(datagram, NOW);
        assertThat(run.decoder.counters().internalErrors()).isZero();
        assertThat(run.flows).hasSize(1);
        return run.flows.get(0);
    }

    private static String text(byte[] address) {
        return CodecRun.text(address);
    }

    @Test
    void ipv4TcpOverEthernetFillsEveryField() {
        DecodedFlow f = only(datagram(AGENT, 3, 77).flowSample(1, 1024, 3, 4, rawHeader(1514, ipv4TcpFrame())).bytes());

        assertThat(f.type()).isEqualTo(DecodedFlow.TYPE_SFLOW_5).isEqualTo(1);
        assertThat(f.sequenceNum()).isEqualTo(77);
        assertThat(f.timeReceivedMillis()).isEqualTo(NOW);
        assertThat(f.timeFlowStartMillis()).isEqualTo(NOW);
        assertThat(f.timeFlowEndMillis()).isEqualTo(NOW);
        assertThat(text(f.exporterAddress())).isEqualTo(AGENT);
        assertThat(f.domain().version()).isEqualTo(NetFlowDecoder.SFLOW_V5);
        assertThat(f.domain().domainId()).isEqualTo(3);
        assertThat(f.bytes()).isEqualTo(1514);
        assertThat(f.packets()).isEqualTo(1);
        assertThat(f.samplingRate()).isEqualTo(1024);
        assertThat(f.inIf()).isEqualTo(3);
        assertThat(f.outIf()).isEqualTo(4);
        assertThat(text(f.srcAddrCopy())).isEqualTo("198.51.100.1");
        assertThat(text(f.dstAddrCopy())).isEqualTo("203.0.113.2");
        assertThat(f.proto()).isEqualTo(6);
        assertThat(f.srcPort()).isEqualTo(40000);
        assertThat(f.dstPort()).isEqualTo(443);
        assertThat(f.tcpFlags()).isEqualTo(0x02);
        assertThat(f.ipTos()).isEqualTo(0x28);
        assertThat(f.ipTtl()).isEqualTo(61);
        assertThat(f.etype()).isEqualTo(0x0800);
        assertThat(f.srcMac()).isEqualTo(MAC_A);
        assertThat(f.dstMac()).isEqualTo(MAC_B);
        assertThat(f.vlanId()).isZero();
        assertThat(f.fragmentId()).isEqualTo(0x1234);
        assertThat(f.fragmentOffset()).isZero();
        assertThat(f.mplsCount()).isZero();
        assertThat(run.decoder.counters().sflowSamples()).isEqualTo(1);
        assertThat(run.decoder.counters().flows()).isEqualTo(1);
        assertThat(run.decoder.counters().malformed()).isZero();
    }

    @Test
    void ipv6UdpBehindHopByHopAndFragmentHeaders() {
        byte[] packet = ipv6("2001:db8::1", "2001:db8::2", 0, 0xB8, 0x12345, 63, 1000,
                ipv6Options(44, ipv6Fragment(17, 0, true, 0xABCDEF01L, udp(5353, 53))));
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 10, 1, 2, rawHeader(1054, ethernet(ETHERTYPE_IPV6, packet)))
                .bytes());

        assertThat(text(f.srcAddrCopy())).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(text(f.dstAddrCopy())).isEqualTo("2001:db8:0:0:0:0:0:2");
        assertThat(f.proto()).isEqualTo(17);
        assertThat(f.srcPort()).isEqualTo(5353);
        assertThat(f.dstPort()).isEqualTo(53);
        assertThat(f.ipTos()).isEqualTo(0xB8);
        assertThat(f.ipv6FlowLabel()).isEqualTo(0x12345);
        assertThat(f.ipTtl()).isEqualTo(63);
        assertThat(f.fragmentId()).isEqualTo(0xABCDEF01L);
        assertThat(f.fragmentOffset()).isZero();
        assertThat(f.etype()).isEqualTo(0x86DD);
    }

    @Test
    void ipv6LaterFragmentHasNoPorts() {
        byte[] packet = ipv6("2001:db8::1", "2001:db8::2", 44, 0, 0, 64, 1000,
                ipv6Fragment(17, 185, false, 99, udp(5353, 53)));
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 10, 1, 2, rawHeader(1054, ethernet(ETHERTYPE_IPV6, packet)))
                .bytes());

        assertThat(f.proto()).isEqualTo(17);
        assertThat(f.fragmentOffset()).isEqualTo(185);
        assertThat(f.fragmentId()).isEqualTo(99);
        assertThat(f.srcPort()).isZero();
        assertThat(f.dstPort()).isZero();
    }

    @Test
    void singleDot1qTag() {
        byte[] frame = ethernet(MAC_B, MAC_A, new int[] {TPID_DOT1Q << 16 | 0x2000 | 42}, ETHERTYPE_IPV4,
                ipv4("10.0.0.1", "10.0.0.2", 17, 0, 64, 1, 0, 28, udp(1000, 2000)));
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, rawHeader(64, frame)).bytes());

        assertThat(f.vlanId()).isEqualTo(42);
        assertThat(f.etype()).isEqualTo(0x0800);
        assertThat(f.srcPort()).isEqualTo(1000);
        assertThat(f.dstPort()).isEqualTo(2000);
    }

    @Test
    void qinqDoubleTagGivesTheOuterVlan() {
        byte[] frame = ethernet(MAC_B, MAC_A, new int[] {TPID_DOT1AD << 16 | 100, TPID_DOT1Q << 16 | 200}, ETHERTYPE_IPV4,
                ipv4("10.0.0.1", "10.0.0.2", 6, 0, 64, 1, 0, 40, tcp(1, 2, 0x12)));
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, rawHeader(64, frame)).bytes());

        assertThat(f.vlanId()).isEqualTo(100);
        assertThat(f.proto()).isEqualTo(6);
        assertThat(f.tcpFlags()).isEqualTo(0x12);
        assertThat(text(f.dstAddrCopy())).isEqualTo("10.0.0.2");
    }

    @Test
    void mplsLabelStackThenIpv4() {
        byte[] frame = ethernet(ETHERTYPE_MPLS, mpls(new int[] {16, 1000, 0xFFFFF},
                ipv4("10.0.0.1", "10.0.0.2", 6, 0, 64, 1, 0, 40, tcp(1, 80, 0x10))));
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, rawHeader(100, frame)).bytes());

        assertThat(f.mplsCount()).isEqualTo(3);
        assertThat(f.mplsLabel(0)).isEqualTo(16);
        assertThat(f.mplsLabel(1)).isEqualTo(1000);
        assertThat(f.mplsLabel(2)).isEqualTo(0xFFFFF);
        assertThat(f.mplsLastLabel()).isEqualTo(0xFFFFF);
        assertThat(f.dstPort()).isEqualTo(80);
        assertThat(f.etype()).isEqualTo(0x0800);
    }

    @Test
    void mplsStackDeeperThanTheArrayKeepsItsBottom() {
        int[] labels = new int[14];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = 100 + i;
        }
        byte[] frame = ethernet(ETHERTYPE_MPLS, mpls(labels, ipv4("10.0.0.1", "10.0.0.2", 17, 0, 64, 1, 0, 28, udp(1, 2))));
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, rawHeader(200, frame)).bytes());

        assertThat(f.mplsCount()).isEqualTo(10);
        assertThat(f.mplsLabel(0)).isEqualTo(100);
        assertThat(f.mplsLastLabel()).isEqualTo(113);
        assertThat(f.dstPort()).isEqualTo(2);
    }

    @Test
    void icmpAndIcmpv6TypeAndCode() {
        byte[] icmp4 = ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.2", 1, 0, 64, 1, 0, 84, icmp(3, 13)));
        byte[] icmp6 = ethernet(ETHERTYPE_IPV6, ipv6("2001:db8::1", "2001:db8::2", 58, 0, 0, 255, 8, icmp(135, 0)));
        run.decode(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, rawHeader(98, icmp4))
                .flowSample(2, 1, 1, 2, rawHeader(62, icmp6)).bytes(), NOW);

        assertThat(run.flows).hasSize(2);
        assertThat(run.flows.get(0).proto()).isEqualTo(1);
        assertThat(run.flows.get(0).icmpType()).isEqualTo(3);
        assertThat(run.flows.get(0).icmpCode()).isEqualTo(13);
        assertThat(run.flows.get(0).dstPort()).isZero();
        assertThat(run.flows.get(1).proto()).isEqualTo(58);
        assertThat(run.flows.get(1).icmpType()).isEqualTo(135);
        assertThat(run.flows.get(1).icmpCode()).isZero();
        assertThat(run.flows.get(1).ipTtl()).isEqualTo(255);
    }

    @Test
    void ipv4FragmentsCarryIdAndOffsetAndOnlyTheFirstHasPorts() {
        byte[] first = ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.2", 17, 0, 64, 0x4242, 0x2000, 1500, udp(7, 9)));
        byte[] later = ethernet(ETHERTYPE_IPV4, ipv4("10.0.0.1", "10.0.0.2", 17, 0, 64, 0x4242, 185, 500, udp(7, 9)));
        run.decode(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, rawHeader(1514, first))
                .flowSample(2, 1, 1, 2, rawHeader(514, later)).bytes(), NOW);

        assertThat(run.flows).hasSize(2);
        assertThat(run.flows.get(0).fragmentId()).isEqualTo(0x4242);
        assertThat(run.flows.get(0).fragmentOffset()).isZero();
        assertThat(run.flows.get(0).dstPort()).isEqualTo(9);
        assertThat(run.flows.get(1).fragmentId()).isEqualTo(0x4242);
        assertThat(run.flows.get(1).fragmentOffset()).isEqualTo(185);
        assertThat(run.flows.get(1).dstPort()).isZero();
        assertThat(run.flows.get(1).proto()).isEqualTo(17);
    }

    @Test
    void expandedFlowSampleInterfacesAndRate() {
        DecodedFlow f = only(datagram(AGENT, 0, 1).expandedFlowSample(1, 4096, 0, 0x7000_0001L, 0, 0x7000_0002L,
                rawHeader(1514, ipv4TcpFrame())).bytes());

        assertThat(f.inIf()).isEqualTo(0x7000_0001L);
        assertThat(f.outIf()).isEqualTo(0x7000_0002L);
        assertThat(f.samplingRate()).isEqualTo(4096);
        assertThat(f.dstPort()).isEqualTo(443);
    }

    @Test
    void compactInterfaceFormats() {
        run.decode(datagram(AGENT, 0, 1)
                .flowSample(1, 1, 0x3FFFFFFF, 0x3FFFFFFF, rawHeader(60, ipv4TcpFrame()))
                .flowSample(2, 1, 5, 0x4000_0001L, rawHeader(60, ipv4TcpFrame()))
                .flowSample(3, 1, 5, 0x8000_0003L, rawHeader(60, ipv4TcpFrame())).bytes(), NOW);

        assertThat(run.flows).hasSize(3);
        assertThat(run.flows.get(0).inIf()).isZero();
        assertThat(run.flows.get(0).outIf()).isZero();
        assertThat(run.flows.get(1).outIf()).isZero();
        assertThat(run.flows.get(1).forwardingStatus()).isEqualTo(SFlowDecoder.FORWARDING_DROPPED);
        assertThat(run.flows.get(2).outIf()).isZero();
        assertThat(run.flows.get(2).forwardingStatus()).isZero();
    }

    @Test
    void sampledIpv4AndIpv6Records() {
        run.decode(datagram(AGENT, 0, 1)
                .flowSample(1, 100, 1, 2, sampledIp(576, 17, "192.0.2.1", "192.0.2.2", 123, 124, 0, 0x10))
                .flowSample(2, 100, 1, 2, sampledIp(1280, 6, "2001:db8::1", "2001:db8::2", 22, 50000, 0x18, 0x20))
                .flowSample(3, 100, 1, 2, sampledIp(84, 1, "192.0.2.1", "192.0.2.2", 8, 0, 0, 0))
                .bytes(), NOW);

        assertThat(run.flows).hasSize(3);
        DecodedFlow v4 = run.flows.get(0);
        assertThat(text(v4.srcAddrCopy())).isEqualTo("192.0.2.1");
        assertThat(v4.proto()).isEqualTo(17);
        assertThat(v4.srcPort()).isEqualTo(123);
        assertThat(v4.dstPort()).isEqualTo(124);
        assertThat(v4.ipTos()).isEqualTo(0x10);
        assertThat(v4.bytes()).isEqualTo(576); // no frame length in the sample: the IP length
        assertThat(v4.etype()).isEqualTo(0x0800);
        DecodedFlow v6 = run.flows.get(1);
        assertThat(text(v6.dstAddrCopy())).isEqualTo("2001:db8:0:0:0:0:0:2");
        assertThat(v6.tcpFlags()).isEqualTo(0x18);
        assertThat(v6.ipTos()).isEqualTo(0x20);
        assertThat(v6.bytes()).isEqualTo(1280);
        assertThat(v6.etype()).isEqualTo(0x86DD);
        assertThat(run.flows.get(2).icmpType()).isEqualTo(8);
        assertThat(run.flows.get(2).icmpCode()).isZero();
    }

    @Test
    void oneFlowPerSampleWithTheHeaderWinningOverASampledRecordInEitherOrder() {
        byte[] sampled = sampledIp(999, 17, "192.0.2.1", "192.0.2.2", 1, 2, 0, 0);
        byte[] header = rawHeader(1514, ipv4TcpFrame());
        run.decode(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, sampled, header)
                .flowSample(2, 1, 1, 2, header, sampled).bytes(), NOW);

        assertThat(run.flows).hasSize(2);
        for (DecodedFlow f : run.flows) {
            assertThat(text(f.srcAddrCopy())).isEqualTo("198.51.100.1");
            assertThat(f.proto()).isEqualTo(6);
            assertThat(f.dstPort()).isEqualTo(443);
            assertThat(f.bytes()).isEqualTo(1514);
            assertThat(f.packets()).isEqualTo(1);
        }
    }

    @Test
    void sampledEthernetGivesMacsAndFrameLength() {
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, sampledEthernet(1518, MAC_A, MAC_B, 0x0800),
                sampledIp(1500, 6, "192.0.2.1", "192.0.2.2", 1, 2, 0, 0)).bytes());

        assertThat(f.srcMac()).isEqualTo(MAC_A);
        assertThat(f.dstMac()).isEqualTo(MAC_B);
        assertThat(f.bytes()).isEqualTo(1518);
    }

    @Test
    void extendedSwitchRouterAndGateway() {
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, rawHeader(1514, ipv4TcpFrame()),
                extendedSwitch(10, 3, 20, 0), extendedRouter("192.0.2.254", 24, 16),
                extendedGateway("192.0.2.253", 65000, 64500, 64501, new long[] {64510, 64511}, new long[] {64512}))
                .bytes());

        assertThat(f.srcVlan()).isEqualTo(10);
        assertThat(f.dstVlan()).isEqualTo(20);
        assertThat(f.vlanId()).isEqualTo(10); // no tag in the frame: the switch's source VLAN
        assertThat(text(f.nextHopCopy())).isEqualTo("192.0.2.254"); // the router's, not the gateway's
        assertThat(f.srcNet()).isEqualTo(24);
        assertThat(f.dstNet()).isEqualTo(16);
        assertThat(f.srcAs()).isEqualTo(64500);
        assertThat(f.dstAs()).isEqualTo(64512);
        assertThat(f.nextHopAs()).isEqualTo(64510);
    }

    @Test
    void gatewayWithoutPathOrSourceAsFallsBackToTheRoutersAs() {
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2,
                extendedGateway("2001:db8::fe", 65000, 0, 0), extendedRouter(null, 0, 0)).bytes());

        assertThat(f.srcAs()).isEqualTo(65000);
        assertThat(f.dstAs()).isEqualTo(65000);
        assertThat(f.nextHopAs()).isZero();
        assertThat(text(f.nextHopCopy())).isEqualTo("2001:db8:0:0:0:0:0:fe"); // no router next hop: the gateway's
    }

    @Test
    void ipv6AgentAddressIsTheSamplerAddressNotTheSender() {
        DecodedFlow f = only(datagram("2001:db8::a", 9, 1).flowSample(1, 1, 1, 2, rawHeader(1514, ipv4TcpFrame())).bytes());

        assertThat(text(f.exporterAddress())).isEqualTo("2001:db8:0:0:0:0:0:a");
        assertThat(f.domain().exporter().address()).isEqualTo(CodecRun.EXPORTER);
        assertThat(f.domain().domainId()).isEqualTo(9);
    }

    @Test
    void agentEqualToTheSenderSharesItsAddressBytesAndARepeatedAgentItsArray() {
        run.decode(datagram("192.0.2.1", 0, 1).flowSample(1, 1, 1, 2, rawHeader(64, ipv4TcpFrame())).bytes(), NOW);
        run.decode(datagram(AGENT, 0, 2).flowSample(1, 1, 1, 2, rawHeader(64, ipv4TcpFrame())).bytes(), NOW);
        run.decode(datagram(AGENT, 0, 3).flowSample(1, 1, 1, 2, rawHeader(64, ipv4TcpFrame())).bytes(), NOW);

        assertThat(text(run.flows.get(0).exporterAddress())).isEqualTo("192.0.2.1");
        assertThat(run.flows.get(1).exporterAddress()).isSameAs(run.flows.get(2).exporterAddress());
    }

    @Test
    void unknownRecordsAndSamplesAreSkippedByTheirLength() {
        DecodedFlow f = only(datagram(AGENT, 0, 1)
                .sample(4300, 9, new byte[] {1, 2, 3, 4, 5})
                .flowSample(1, 1, 1, 2, record(0, 1005, new byte[] {0, 0, 0, 3, 'a', 'b', 'c'}),
                        record(4413, 1, new byte[40]), rawHeader(1514, ipv4TcpFrame()), record(0, 2000, new byte[0]))
                .bytes());

        assertThat(f.dstPort()).isEqualTo(443);
        assertThat(run.decoder.counters().sflowUnknownRecords()).isEqualTo(3);
        assertThat(run.decoder.counters().sflowUnknownSamples()).isEqualTo(1);
        assertThat(run.decoder.counters().malformed()).isZero();
    }

    @Test
    void counterSamplesAreCountedNotFlows() {
        run.decode(datagram(AGENT, 0, 1).counterSample(false, 3, 10_000_000_000L).counterSample(true, 4, 1_000_000_000L)
                .flowSample(1, 1, 1, 2, rawHeader(64, ipv4TcpFrame())).bytes(), NOW);

        assertThat(run.flows).hasSize(1);
        assertThat(run.decoder.counters().sflowCounterSamples()).isEqualTo(2);
        assertThat(run.decoder.counters().sflowSamples()).isEqualTo(1);
        assertThat(run.decoder.counters().malformed()).isZero();
    }

    @Test
    void samplingRateOverrideAndDefaultApply() {
        CodecRun overridden = new CodecRun(new DecoderSettings(60_000, 60_000, 1 << 20, 0, Map.of(CodecRun.EXPORTER, 50L)));
        overridden.decode(datagram(AGENT, 0, 1).flowSample(1, 1024, 1, 2).bytes(), NOW);
        CodecRun defaulted = new CodecRun(new DecoderSettings(60_000, 60_000, 1 << 20, 8, Map.of()));
        defaulted.decode(datagram(AGENT, 0, 1).flowSample(1, 0, 1, 2).bytes(), NOW);

        assertThat(overridden.flows.get(0).samplingRate()).isEqualTo(50);
        assertThat(defaulted.flows.get(0).samplingRate()).isEqualTo(8);
        assertThat(defaulted.flows.get(0).packets()).isEqualTo(1); // a sample without records is one packet
        assertThat(defaulted.flows.get(0).bytes()).isZero();
    }

    @Test
    void frameLengthOrIpLengthBySetting() {
        byte[] v6 = ethernet(ETHERTYPE_IPV6, ipv6("2001:db8::1", "2001:db8::2", 17, 0, 0, 64, 1000, udp(1, 2)));
        byte[] datagram = datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, rawHeader(1514, ipv4TcpFrame()))
                .flowSample(2, 1, 1, 2, rawHeader(1058, v6))
                .flowSample(3, 1, 1, 2, sampledIp(576, 17, "192.0.2.1", "192.0.2.2", 1, 2, 0, 0)).bytes();
        CodecRun ipLength = new CodecRun(DecoderSettings.defaults().withSflowIpLength(true));
        ipLength.decode(datagram, NOW);
        run.decode(datagram, NOW);

        assertThat(run.flows).extracting(DecodedFlow::bytes).containsExactly(1514L, 1058L, 576L);
        assertThat(ipLength.flows).extracting(DecodedFlow::bytes).containsExactly(1500L, 1040L, 576L);
    }

    @Test
    void headerLengthBeyondTheRecordIsCutAndCounted() {
        byte[] frame = ipv4TcpFrame();
        DecodedFlow f = only(datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2,
                rawHeader(1, 1514, frame.length + 100, frame), extendedSwitch(5, 0, 6, 0)).bytes());

        assertThat(run.decoder.counters().malformed()).isEqualTo(1);
        assertThat(f.dstPort()).isEqualTo(443); // the bytes that are there are parsed
        assertThat(f.srcVlan()).isEqualTo(5); // and the next record is still found by the record's own length
        assertThat(f.bytes()).isEqualTo(1514);
    }

    @Test
    void headerCutInsideEveryLayerNeverThrows() {
        byte[] frame = ethernet(MAC_B, MAC_A, new int[] {TPID_DOT1Q << 16 | 7}, ETHERTYPE_MPLS, mpls(new int[] {16},
                ipv6("2001:db8::1", "2001:db8::2", 0, 0, 0, 64, 100, ipv6Options(44, ipv6Fragment(6, 0, false, 1,
                        tcp(1, 2, 0x02))))));
        for (int cut = 0; cut <= frame.length; cut++) {
            run.decode(datagram(AGENT, 0, cut).flowSample(1, 1, 1, 2, rawHeader(1514, Arrays.copyOf(frame, cut))).bytes(),
                    NOW);
        }

        assertThat(run.flows).hasSize(frame.length + 1);
        assertThat(run.decoder.counters().internalErrors()).isZero();
        assertThat(run.decoder.counters().malformed()).isZero();
        DecodedFlow whole = run.flows.get(frame.length);
        assertThat(whole.vlanId()).isEqualTo(7);
        assertThat(whole.mplsCount()).isEqualTo(1);
        assertThat(whole.proto()).isEqualTo(6);
        assertThat(whole.tcpFlags()).isEqualTo(0x02);
        assertThat(whole.fragmentId()).isEqualTo(1);
    }

    @Test
    void truncatedAtEveryLengthIsMalformedAndNeverThrows() {
        for (byte[] full : SFlowDatagrams.examples().values()) {
            for (int len = 0; len < full.length; len++) {
                CodecRun cut = new CodecRun();
                cut.decoder.decode(full, 0, len, CodecRun.EXPORTER, NOW, f -> { });
                DecoderCounters c = cut.decoder.counters();
                assertThat(c.internalErrors()).isZero();
                if (len >= 4) {
                    assertThat(c.malformed()).as("malformed at length %d of %d", len, full.length).isPositive();
                } else {
                    assertThat(c.malformed() + c.unknownVersion()).isEqualTo(1);
                }
                assertThat(c.flows()).isLessThanOrEqualTo(c.sflowSamples());
            }
        }
    }

    @Test
    void countsThatLieCannotDriveWorkBeyondTheBytes() {
        byte[] manySamples = datagram(AGENT, 0, 1).flowSample(1, 1, 1, 2, rawHeader(64, ipv4TcpFrame()))
                .claimSamples(0xFFFF_FFFFL).bytes();
        run.decode(manySamples, NOW);
        byte[] sample = datagram(AGENT, 0, 2).flowSample(1, 1, 1, 2, rawHeader(64, ipv4TcpFrame())).bytes();
        int recordCount = 28 + 8 + 28; // IPv4 agent header, sample format and length, 7 words before num_records
        Arrays.fill(sample, recordCount, recordCount + 4, (byte) 0xFF);
        run.decode(sample, NOW);

        assertThat(run.flows).hasSize(1); // the first datagram's sample; the second's records overrun it
        assertThat(run.decoder.counters().malformed()).isEqualTo(2);
        assertThat(run.decoder.counters().internalErrors()).isZero();
    }

    @Test
    void sequenceGapsAreCountedPerSubAgent() {
        run.decode(datagram(AGENT, 0, 10).bytes(), NOW);
        run.decode(datagram(AGENT, 1, 500).bytes(), NOW);
        run.decode(datagram(AGENT, 0, 11).bytes(), NOW);
        run.decode(datagram(AGENT, 0, 15).bytes(), NOW);

        assertThat(run.decoder.counters().sequenceGaps()).isEqualTo(1);
        assertThat(run.decoder.counters().sequenceMissing()).isEqualTo(3);
    }

    @Test
    void versionDispatchKeepsNetFlowV5AndSFlowApart() {
        byte[] sflow = datagram(AGENT, 4, 1).bytes();
        byte[] v5 = {0, 5, 0, 0};

        assertThat(DatagramKey.version(sflow, 0, sflow.length)).isEqualTo(NetFlowDecoder.SFLOW_V5);
        assertThat(DatagramKey.domainId(sflow, 0, sflow.length)).isEqualTo(4);
        assertThat(DatagramKey.domainId(sflow, 0, 20)).isEqualTo(DatagramKey.NONE);
        assertThat(DatagramKey.version(v5, 0, 4)).isEqualTo(5);
        assertThat(DatagramKey.version(new byte[] {0, 0, 0, 6}, 0, 4)).isZero();
        assertThat(DatagramKey.version(sflow, 0, 3)).isZero();
    }

    @Test
    void datagramLengthSplitsBackToBackDatagrams() {
        byte[] a = SFlowDatagrams.examples().get("ipv4 tcp");
        byte[] b = SFlowDatagrams.examples().get("mpls icmp");
        byte[] both = concat(a, b);

        assertThat(NetFlowDecoder.datagramLength(both, 0, both.length)).isEqualTo(a.length);
        assertThat(NetFlowDecoder.datagramLength(both, a.length, b.length)).isEqualTo(b.length);
        assertThat(NetFlowDecoder.datagramLength(both, 0, a.length - 1)).isEqualTo(-1);
    }

    @Test
    void everyExampleDecodesCleanly() {
        for (Map.Entry<String, byte[]> e : SFlowDatagrams.examples().entrySet()) {
            CodecRun r = new CodecRun().decode(e.getValue(), NOW);
            assertThat(r.flows).as(e.getKey()).isNotEmpty();
            assertThat(r.decoder.counters().malformed()).as(e.getKey()).isZero();
            assertThat(r.decoder.counters().internalErrors()).as(e.getKey()).isZero();
        }
    }
}
