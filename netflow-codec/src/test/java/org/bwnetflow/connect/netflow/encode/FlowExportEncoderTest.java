package org.bwnetflow.connect.netflow.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What the encoder writes, the decoder reads back field for field, in both protocols. */
class FlowExportEncoderTest {

    private static final long NOW = 1_700_000_000_000L;

    private static ExportFlow flow(int i, boolean ipv6) {
        byte[] src = ipv6 ? new byte[16] : new byte[] {10, 0, 0, (byte) i};
        byte[] dst = ipv6 ? new byte[16] : new byte[] {(byte) 198, 51, 100, (byte) i};
        byte[] hop = ipv6 ? new byte[16] : new byte[] {(byte) 192, 0, 2, 1};
        if (ipv6) {
            src[0] = 0x20;
            src[1] = 0x01;
            src[15] = (byte) i;
            dst[0] = 0x20;
            dst[1] = 0x01;
            dst[15] = (byte) (i + 1);
            hop[15] = 1;
        }
        return new ExportFlow(src, dst, hop, 10 + i, 20 + i, 3 + i, 1500L * (i + 1), NOW - 60_000 - i * 1000L,
                NOW - 1000L * i, 40_000 + i, 443, 0x1b, 6, 0x20, 64_500 + i, 64_501, 24, 16, i % 2, 0, 0, 0, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(FlowExportEncoder.Format.class)
    void everyFieldRoundTrips(FlowExportEncoder.Format format) {
        FlowExportEncoder encoder = new FlowExportEncoder(format, 7, NOW - 3_600_000);
        List<ExportFlow> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(flow(i, i % 3 == 0));
        }
        CodecRun run = new CodecRun().decode(encoder.encode(sent, true, NOW), NOW);
        assertThat(run.decoder.counters().malformed()).isZero();
        assertThat(run.flows).hasSize(sent.size());
        for (ExportFlow expected : sent) {
            DecodedFlow got = run.flows.stream().filter(f -> f.srcPort() == expected.srcPort()).findFirst().orElseThrow();
            assertThat(got.srcAddrCopy()).containsExactly(expected.srcAddr());
            assertThat(got.dstAddrCopy()).containsExactly(expected.dstAddr());
            assertThat(got.nextHopCopy()).containsExactly(expected.nextHop());
            assertThat(got.inIf()).isEqualTo(expected.inIf());
            assertThat(got.outIf()).isEqualTo(expected.outIf());
            assertThat(got.bytes()).isEqualTo(expected.bytes());
            assertThat(got.packets()).isEqualTo(expected.packets());
            assertThat(got.timeFlowStartMillis()).isEqualTo(expected.startMillis());
            assertThat(got.timeFlowEndMillis()).isEqualTo(expected.endMillis());
            assertThat(got.dstPort()).isEqualTo(expected.dstPort());
            assertThat(got.tcpFlags()).isEqualTo(expected.tcpFlags());
            assertThat(got.proto()).isEqualTo(expected.proto());
            assertThat(got.ipTos()).isEqualTo(expected.tos());
            assertThat(got.srcAs()).isEqualTo(expected.srcAs());
            assertThat(got.dstAs()).isEqualTo(expected.dstAs());
            assertThat(got.srcNet()).isEqualTo(expected.srcMask());
            assertThat(got.dstNet()).isEqualTo(expected.dstMask());
            assertThat(got.flowDirection()).isEqualTo(expected.direction());
            assertThat(got.type()).isEqualTo(format == FlowExportEncoder.Format.IPFIX ? 4 : 3);
        }
    }

    @ParameterizedTest
    @EnumSource(FlowExportEncoder.Format.class)
    void sequenceNumbersCountWhatEachProtocolCounts(FlowExportEncoder.Format format) {
        FlowExportEncoder encoder = new FlowExportEncoder(format, 7, NOW - 3_600_000);
        CodecRun run = new CodecRun();
        for (int i = 0; i < 5; i++) {
            run.decode(encoder.encode(List.of(flow(i, false), flow(i + 1, false)), i == 0, NOW), NOW);
        }
        assertThat(run.flows).hasSize(10);
        assertThat(run.decoder.counters().sequenceGaps()).isZero();
    }

    @ParameterizedTest
    @EnumSource(FlowExportEncoder.Format.class)
    void aPacketWrittenAgainWithTemplatesTeachesANewCollectorAndKeepsTheNumbering(FlowExportEncoder.Format format) {
        FlowExportEncoder encoder = new FlowExportEncoder(format, 7, NOW - 3_600_000);
        CodecRun before = new CodecRun().decode(encoder.encode(List.of(flow(0, false)), true, NOW), NOW);
        long sequence = encoder.nextSequence();
        List<ExportFlow> refused = List.of(flow(1, false), flow(2, true));
        byte[] first = encoder.encode(refused, false, 16, NOW);
        byte[] next = encoder.encode(List.of(flow(3, true)), false, NOW + 1000);

        assertThat(encoder.encodeAgain(sequence, refused, false, 16, NOW)).as("the same packet").isEqualTo(first);
        // A collector that restarted gets it again with templates: it reads every flow, and the next packet in order.
        CodecRun restarted = new CodecRun().decode(encoder.encodeAgain(sequence, refused, true, 16, NOW), NOW)
                .decode(next, NOW + 1000);
        assertThat(restarted.flows).extracting(DecodedFlow::srcPort).containsExactly(40_001L, 40_002L, 40_003L);
        assertThat(restarted.flows.get(0).samplingRate()).isEqualTo(16);
        assertThat(restarted.decoder.counters().templateMisses()).isZero();
        assertThat(restarted.decoder.counters().sequenceGaps()).isZero();
        assertThat(encoder.nextSequence()).as("writing again moves no sequence")
                .isEqualTo(sequence + (format == FlowExportEncoder.Format.IPFIX ? 4 : 2));
        assertThat(before.flows).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(FlowExportEncoder.Format.class)
    void theFullLayoutAddsMacsVlansAndEthernetType(FlowExportEncoder.Format format) {
        FlowExportEncoder encoder = new FlowExportEncoder(format, FlowExportEncoder.Layout.FULL, 7, NOW - 3_600_000);
        ExportFlow base = flow(3, false);
        ExportFlow full = new ExportFlow(base.srcAddr(), base.dstAddr(), base.nextHop(), base.inIf(), base.outIf(),
                base.packets(), base.bytes(), base.startMillis(), base.endMillis(), base.srcPort(), base.dstPort(),
                base.tcpFlags(), base.proto(), base.tos(), base.srcAs(), base.dstAs(), base.srcMask(), base.dstMask(),
                base.direction(), 0x0200_5e00_0001L, 0xfeed_beef_0002L, 42, 4094, 0x0800);
        CodecRun run = new CodecRun().decode(encoder.encode(List.of(full, flow(4, true)), true, NOW), NOW);

        assertThat(run.flows).hasSize(2);
        DecodedFlow got = run.flows.stream().filter(f -> f.srcPort() == full.srcPort()).findFirst().orElseThrow();
        assertThat(got.srcMac()).isEqualTo(0x0200_5e00_0001L);
        assertThat(got.dstMac()).isEqualTo(0xfeed_beef_0002L);
        assertThat(got.srcVlan()).isEqualTo(42);
        assertThat(got.dstVlan()).isEqualTo(4094);
        assertThat(got.etype()).isEqualTo(0x0800);
        assertThat(got.bytes()).isEqualTo(full.bytes());
    }

    @ParameterizedTest
    @EnumSource(FlowExportEncoder.Format.class)
    void maxFlowsKeepsEveryPacketWithinTheLimit(FlowExportEncoder.Format format) {
        FlowExportEncoder encoder = new FlowExportEncoder(format, FlowExportEncoder.Layout.FULL, 7, NOW - 3_600_000);
        int max = encoder.maxFlows(1400);
        assertThat(max).isPositive();
        List<ExportFlow> v6 = new ArrayList<>();
        List<ExportFlow> mixed = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            v6.add(flow(i, true));
            mixed.add(flow(i, i % 2 == 0));
        }
        assertThat(encoder.encode(v6, true, NOW).length).isLessThanOrEqualTo(1400);
        assertThat(encoder.encode(mixed, true, NOW).length).isLessThanOrEqualTo(1400);
        // Not wasteful either: two more IPv6 flows would not fit.
        v6.add(flow(max, true));
        v6.add(flow(max + 1, true));
        assertThat(encoder.encode(v6, true, NOW).length).isGreaterThan(1400);
    }

    @ParameterizedTest
    @EnumSource(FlowExportEncoder.Format.class)
    void aSamplingAnnouncementSetsTheDomainsRate(FlowExportEncoder.Format format) {
        FlowExportEncoder encoder = new FlowExportEncoder(format, FlowExportEncoder.Layout.FULL, 7, NOW - 3_600_000);
        CodecRun run = new CodecRun();
        run.decode(encoder.encode(List.of(flow(1, false)), true, NOW), NOW);
        run.decode(encoder.encode(List.of(flow(2, true)), false, 100, NOW), NOW);
        run.decode(encoder.encode(List.of(flow(3, false)), false, NOW), NOW);

        assertThat(run.flows).extracting(DecodedFlow::samplingRate).containsExactly(0L, 100L, 100L);
        assertThat(run.decoder.counters().optionsRecords()).isEqualTo(1);
        assertThat(run.decoder.counters().sequenceGaps()).isZero();
        assertThat(run.decoder.counters().malformed()).isZero();
    }

    @Test
    void v9TimesAreExactWhenSentBetweenTwoSeconds() {
        long sentAt = NOW + 987; // the header's unix secs are whole seconds; sysUptime must match them
        FlowExportEncoder encoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 7, NOW - 3_600_000);
        ExportFlow sent = flow(5, false);
        CodecRun run = new CodecRun().decode(encoder.encode(List.of(sent), true, sentAt), sentAt);

        assertThat(run.flows.get(0).timeFlowStartMillis()).isEqualTo(sent.startMillis());
        assertThat(run.flows.get(0).timeFlowEndMillis()).isEqualTo(sent.endMillis());
    }

    @Test
    void dataSetsArePaddedToFourBytes() {
        FlowExportEncoder encoder = new FlowExportEncoder(FlowExportEncoder.Format.NETFLOW_V9, 1, NOW);
        byte[] datagram = encoder.encode(List.of(flow(1, false)), false, NOW);
        assertThat((datagram.length - 20) % 4).isZero();
    }
}
