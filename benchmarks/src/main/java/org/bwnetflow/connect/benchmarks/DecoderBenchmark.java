package org.bwnetflow.connect.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.netflow.testing.TestData;
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
 * {@code NetFlowDecoder} alone: datagram bytes in, {@code DecodedFlow} callbacks out. One JMH
 * operation is one flow record, so the score is flows per second (per thread, i.e. per core
 * with {@code -t 1}); each call decodes one datagram (two for the Mikrotik IPFIX pair) and
 * counts as that many operations.
 *
 * <ul>
 *   <li>{@code v9Generated}: flowctl's generator through the codec's NetFlow v9 encoder, 24 flows per
 *       datagram, IPv4 (template 256) and IPv6 (template 257) mixed; 128 different datagrams.
 *   <li>{@code ipfixGenerated}: the same flows as IPFIX (the same encoder in IPFIX mode,
 *       absolute millisecond times), 24 flows per message.
 *   <li>{@code ipfixMikrotik}: a real Mikrotik RouterOS exporter's two data messages
 *       (testdata), templates sent first; 46 flows per call.
 *   <li>{@code v5Mikrotik}: a real Mikrotik NetFlow v5 datagram (testdata), 30 flows.
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecoderBenchmark {

    static final int GENERATED_FLOWS = GeneratedTraffic.FLOWS_PER_DATAGRAM;
    static final int MIKROTIK_IPFIX_FLOWS = 46;
    static final int MIKROTIK_V5_FLOWS = 30;

    /** The decoder and datagrams of one benchmark, plus the listener that consumes the flows. */
    @State(Scope.Thread)
    public abstract static class Input {
        final ConsumingListener listener = new ConsumingListener();
        Replay replay;

        @TearDown(Level.Trial)
        public void check() {
            replay.checkCounters();
        }
    }

    public static class V9Generated extends Input {
        @Setup(Level.Trial)
        public void setup() {
            GeneratedTraffic traffic = GeneratedTraffic.netflowV9(Replay.NOW_MILLIS);
            replay = new Replay(traffic.templates, traffic.data).verify(1, GENERATED_FLOWS);
        }
    }

    public static class IpfixGenerated extends Input {
        @Setup(Level.Trial)
        public void setup() {
            GeneratedTraffic traffic = GeneratedTraffic.ipfix(Replay.NOW_MILLIS);
            replay = new Replay(traffic.templates, traffic.data).verify(1, GENERATED_FLOWS);
        }
    }

    public static class IpfixMikrotik extends Input {
        @Setup(Level.Trial)
        public void setup() {
            replay = new Replay(TestData.datagrams("ipfix_test_mikrotik_tpl.dat"),
                    TestData.datagrams("ipfix_test_mikrotik_data258.dat", "ipfix_test_mikrotik_data259.dat"))
                    .verify(2, MIKROTIK_IPFIX_FLOWS);
        }
    }

    public static class V5Mikrotik extends Input {
        @Setup(Level.Trial)
        public void setup() {
            replay = new Replay(List.of(), TestData.datagrams("netflow5_test_microtik.dat"))
                    .verify(1, MIKROTIK_V5_FLOWS);
        }
    }

    @Benchmark
    @OperationsPerInvocation(GENERATED_FLOWS)
    public void v9Generated(V9Generated in, Blackhole bh) {
        in.listener.blackhole = bh;
        in.replay.decodeNext(in.listener);
    }

    @Benchmark
    @OperationsPerInvocation(GENERATED_FLOWS)
    public void ipfixGenerated(IpfixGenerated in, Blackhole bh) {
        in.listener.blackhole = bh;
        in.replay.decodeNext(in.listener);
    }

    @Benchmark
    @OperationsPerInvocation(MIKROTIK_IPFIX_FLOWS)
    public void ipfixMikrotik(IpfixMikrotik in, Blackhole bh) {
        in.listener.blackhole = bh;
        in.replay.decodeNext(in.listener);
        in.replay.decodeNext(in.listener);
    }

    @Benchmark
    @OperationsPerInvocation(MIKROTIK_V5_FLOWS)
    public void v5Mikrotik(V5Mikrotik in, Blackhole bh) {
        in.listener.blackhole = bh;
        in.replay.decodeNext(in.listener);
    }
}
