package org.bwnetflow.connect.netflow.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import org.bwnetflow.connect.netflow.testing.Datagrams;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.bwnetflow.connect.netflow.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * What exporters (and attackers) get wrong: each case is counted and skipped, never thrown,
 * never a hang, never memory beyond the configured bounds.
 */
class MalformedDatagramsTest {

    private static CodecRun decode(byte[]... datagrams) {
        CodecRun run = new CodecRun();
        for (byte[] d : datagrams) {
            run.decode(d, CodecRun.NOW);
        }
        assertThat(run.decoder.counters().internalErrors()).as("decoder bugs").isZero();
        return run;
    }

    @Test
    void everyTruncationOfRealDatagramsIsSurvived() {
        for (String file : new String[] {"netflow9_test_valid01.dat", "ipfix_test_netscaler_tpl.dat",
            "netflow5_test_microtik.dat", "netflow9_test_cisco_asa_1_tpl.dat"}) {
            byte[] whole = TestData.read(file);
            for (int cut = 0; cut < whole.length; cut++) {
                CodecRun run = decode(Arrays.copyOf(whole, cut));
                assertThat(run.decoder.counters().datagrams()).isEqualTo(1);
            }
        }
    }

    @Test
    void aTruncatedV5DatagramYieldsNoFlows() {
        byte[] whole = TestData.read("netflow5_test_microtik.dat");
        CodecRun run = decode(Arrays.copyOf(whole, whole.length - 1));
        assertThat(run.flows).isEmpty();
        assertThat(run.decoder.counters().malformed()).isEqualTo(1);
    }

    @Test
    void zeroLengthFlowsetStopsTheDatagramWithoutLooping() {
        byte[] d = Datagrams.v9(1, 0).v9Template(256, 8, 4, 12, 4).set(256, 0).u32(0).u32(0).bytes();
        CodecRun run = decode(d);
        assertThat(run.flows).isEmpty();
        assertThat(run.decoder.counters().malformed()).isEqualTo(1);
        assertThat(run.decoder.counters().templatesReceived()).isEqualTo(1);
    }

    @Test
    void oversizedFlowsetIsMalformedButEarlierSetsCount() {
        byte[] d = Datagrams.v9(1, 0).v9Template(256, 8, 4, 12, 4)
                .set(256, 12).u32(0x0A000001).u32(0x0A000002)
                .set(256, 4000).u32(0x0A000003).u32(0x0A000004).bytes();
        CodecRun run = decode(d);
        assertThat(run.flows).hasSize(1);
        assertThat(run.decoder.counters().malformed()).isEqualTo(1);
    }

    @Test
    void aDataSetWithUnknownTemplateDoesNotCostTheRestOfTheDatagram() {
        byte[] d = Datagrams.v9(1, 0).v9Template(256, 8, 4, 12, 4)
                .set(999, 12).u32(1).u32(2)
                .set(256, 12).u32(0x0A000001).u32(0x0A000002).bytes();
        CodecRun run = decode(d);
        assertThat(run.flows).hasSize(1);
        assertThat(run.decoder.counters().templateMisses()).isEqualTo(1);
    }

    @Test
    void templatesOfOnlyZeroLengthFieldsDescribeNothingAndDoNotLoop() {
        byte[] d = Datagrams.v9(1, 0).v9Template(300, 8, 0, 12, 0).set(300, 12).u32(1).u32(2).bytes();
        CodecRun run = decode(d);
        assertThat(run.flows).isEmpty();
        assertThat(run.decoder.counters().malformed()).isEqualTo(1);
    }

    @Test
    void templatesClaiming65535FieldsAreRefusedWithoutAllocating() {
        byte[] v9 = Datagrams.v9(1, 0).set(0, 12).u16(256).u16(65_535).u16(8).u16(4).bytes();
        byte[] ipfix = Datagrams.ipfix(1, 0).set(2, 12).u16(256).u16(65_535).u16(8).u16(4).bytes();
        CodecRun run = decode(v9, ipfix);
        assertThat(run.decoder.counters().malformed()).isEqualTo(2);
        assertThat(run.decoder.counters().templatesReceived()).isZero();
    }

    @Test
    void fieldsOfLength65535AreVariableLengthInIpfix() {
        byte[] tpl = Datagrams.ipfix(1, 0).ipfixTemplate(256, 8, 4, 82, 65_535).bytes();
        byte[] data = Datagrams.ipfix(2, 0).set(256, 4 + 4 + 1 + 3).u32(0xC0000201).u8(3).bytes("eth".getBytes()).bytes();
        byte[] overrun = Datagrams.ipfix(3, 0).set(256, 4 + 4 + 1).u32(0xC0000201).u8(200).bytes();
        CodecRun run = decode(tpl, data, overrun);
        assertThat(run.flows).hasSize(1);
        assertThat(run.decoder.counters().malformed()).isEqualTo(1);
    }

    @Test
    void unknownVersionsAndTinyDatagramsAreCounted() {
        CodecRun run = decode(new byte[] {0, 7, 0, 0}, new byte[] {0x45, 0, 0, 20}, new byte[] {0}, new byte[0],
                new byte[] {0, 9, 0, 1}, new byte[] {0, 10, 0, 4});
        assertThat(run.decoder.counters().unknownVersion()).isEqualTo(2);
        assertThat(run.decoder.counters().malformed()).isEqualTo(4);
        assertThat(run.flows).isEmpty();
    }

    @Test
    void ipfixMessageLengthLongerThanTheDatagramKeepsWhatArrived() {
        byte[] tpl = Datagrams.ipfix(1, 0).ipfixTemplate(256, 8, 4, 12, 4).bytes();
        byte[] data = Datagrams.ipfix(2, 0).set(256, 12).u32(0x0A000001).u32(0x0A000002).bytes();
        data[3] = (byte) (data[3] + 40); // header claims 40 bytes more than arrived
        CodecRun run = decode(tpl, data);
        assertThat(run.flows).hasSize(1);
        assertThat(run.decoder.counters().malformed()).isEqualTo(1);
    }

    @Test
    void expiredTemplatesAreForgottenAndCountAsMisses() {
        DecoderSettings settings = new DecoderSettings(1_000, 1_000, DecoderSettings.DEFAULT_STATE_MAX_BYTES, 0, Map.of());
        NetFlowDecoder decoder = new NetFlowDecoder(settings, StateListener.NONE);
        byte[] tpl = Datagrams.v9(1, 0).v9Template(256, 8, 4).bytes();
        byte[] data = Datagrams.v9(2, 0).set(256, 8).u32(0x0A000001).bytes();
        int[] flows = new int[1];
        decoder.decode(tpl, 0, tpl.length, CodecRun.EXPORTER, 0, f -> flows[0]++);
        decoder.decode(data, 0, data.length, CodecRun.EXPORTER, 500, f -> flows[0]++);
        decoder.decode(data, 0, data.length, CodecRun.EXPORTER, 5_000, f -> flows[0]++);
        assertThat(flows[0]).isEqualTo(1);
        assertThat(decoder.counters().templateMisses()).isEqualTo(1);
        decoder.expire(100_000);
        assertThat(decoder.exporters()).isEmpty();
    }

    @Test
    void sequenceGapsRevealLossPerExporter() {
        byte[] tpl = Datagrams.v9(10, 0).v9Template(256, 8, 4).bytes();
        byte[] next = Datagrams.v9(11, 0).set(256, 8).u32(1).bytes();
        byte[] afterLoss = Datagrams.v9(15, 0).set(256, 8).u32(1).bytes();
        CodecRun run = decode(tpl, next, afterLoss);
        assertThat(run.decoder.counters().sequenceGaps()).isEqualTo(1);
        assertThat(run.decoder.counters().sequenceMissing()).isEqualTo(3);
        assertThat(run.decoder.exporters().get(0).sequenceMissing()).isEqualTo(3);
    }

    /** An options flood: every record a new sampler id. Only the first samplers are kept, the rest counted. */
    @Test
    void templatesOfMoreThanMaxFieldsAreRefused() {
        Datagrams d = Datagrams.v9(1, 0).set(0, 8 + (Template.MAX_FIELDS + 1) * 4).u16(256).u16(Template.MAX_FIELDS + 1);
        for (int i = 0; i <= Template.MAX_FIELDS; i++) {
            d.u16(8).u16(4);
        }
        CodecRun run = decode(d.bytes());
        assertThat(run.decoder.counters().templatesReceived()).isZero();
        assertThat(run.decoder.counters().malformed()).isEqualTo(1);
    }
}
