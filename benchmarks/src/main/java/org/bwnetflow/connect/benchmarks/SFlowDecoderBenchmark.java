package org.bwnetflow.connect.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.DecoderCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@code NetFlowDecoder} on sFlow v5, as {@link DecoderBenchmark} on NetFlow: datagram bytes in,
 * {@code DecodedFlow} callbacks out. One JMH operation is one flow sample (one flow), so the score
 * is samples per second (per thread, i.e. per core with {@code -t 1}); each call decodes one
 * datagram of {@link SFlowSwitchTraffic#SAMPLES_PER_DATAGRAM} samples.
 *
 * <ul>
 *   <li>{@code switchSamples}: {@link SFlowSwitchTraffic}, 128 different datagrams of a switch's
 *       agent, each sample a 128-byte raw Ethernet header (IPv4/IPv6, TCP/UDP, some 802.1Q tagged)
 *       and an extended switch record.
 * </ul>
 *
 * <p>The setup decodes every datagram once and fails unless each yields its samples, every flow
 * carries the addresses' family, protocol, ports, VLANs and frame length its sample was built
 * with, and the decoder counted nothing malformed, unknown or skipped.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SFlowDecoderBenchmark {

    static final int SWITCH_SAMPLES = SFlowSwitchTraffic.SAMPLES_PER_DATAGRAM;

    /** The decoder and datagrams, plus the listener that consumes the flows. */
    @State(Scope.Thread)
    public static class SwitchSamples {
        final ConsumingListener listener = new ConsumingListener();
        Replay replay;

        @Setup(Level.Trial)
        public void setup() {
            SFlowSwitchTraffic traffic = new SFlowSwitchTraffic();
            replay = new Replay(List.of(), traffic.data).verify(1, SWITCH_SAMPLES);
            checkFlows(traffic.expected);
            checkSFlowCounters();
        }

        @TearDown(Level.Trial)
        public void check() {
            replay.checkCounters();
            checkSFlowCounters();
        }

        /** Decodes the whole ring once more and compares every flow with the sample it was built from. */
        private void checkFlows(List<SFlowSwitchTraffic.Sample> expected) {
            int[] index = new int[1];
            for (int d = 0; d < SFlowSwitchTraffic.DATAGRAMS; d++) {
                replay.decodeNext(flow -> check(flow, expected.get(index[0]++), index[0]));
            }
            if (index[0] != expected.size()) {
                throw new IllegalStateException("decoded " + index[0] + " flows, expected " + expected.size());
            }
        }

        private static void check(DecodedFlow flow, SFlowSwitchTraffic.Sample s, int n) {
            SFlowSwitchTraffic.Sample decoded = new SFlowSwitchTraffic.Sample(flow.srcAddrLength(), (int) flow.proto(),
                    (int) flow.srcPort(), (int) flow.dstPort(), (int) flow.srcVlan(), (int) flow.dstVlan(),
                    (int) flow.vlanId(), (int) flow.etype(), flow.bytes());
            if (!decoded.equals(s) || flow.type() != DecodedFlow.TYPE_SFLOW_5 || flow.packets() != 1
                    || flow.samplingRate() != SFlowSwitchTraffic.SAMPLING_RATE) {
                throw new IllegalStateException("flow " + n + " decoded as " + decoded + " (type " + flow.type()
                        + ", packets " + flow.packets() + ", rate " + flow.samplingRate() + "), built from " + s);
            }
        }

        /** Every flow is a decoded flow sample; no record, sample or datagram was skipped. */
        private void checkSFlowCounters() {
            DecoderCounters c = replay.counters();
            if (c.sflowSamples() == 0 || c.sflowSamples() != c.flows() || c.flows() != c.datagrams() * SWITCH_SAMPLES
                    || c.sflowUnknownRecords() != 0 || c.sflowUnknownSamples() != 0 || c.sflowCounterSamples() != 0) {
                throw new IllegalStateException("decoder counted unexpected sFlow totals: " + c);
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(SWITCH_SAMPLES)
    public void switchSamples(SwitchSamples in, Blackhole bh) {
        in.listener.blackhole = bh;
        in.replay.decodeNext(in.listener);
    }
}
