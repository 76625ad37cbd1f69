package org.bwnetflow.connect.benchmarks;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.FlowListener;
import org.bwnetflow.connect.netflow.source.FlowStructMapper;
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
 * The per-flow work of the source task and the FlowMessage converter, without Kafka: decode
 * (NetFlow v9, flowctl's generator, 24 flows per datagram), {@code FlowStructMapper.toStruct}
 * and {@code FlowMessageCodec.encode} to protobuf bytes. One operation is one flow, so the
 * score is flows per second per thread.
 *
 * <ul>
 *   <li>{@code decodeToStruct}: decode + Struct (what {@code NetFlowSourceTask.poll} does per
 *       flow, minus the SourceRecord and its partition/offset maps).
 *   <li>{@code decodeToStructToProtobuf}: that plus the converter's protobuf encoding.
 * </ul>
 * Compare with {@code DecoderBenchmark.v9Generated} (same datagrams) for the decoder's share.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SourcePathBenchmark {

    static final int FLOWS = GeneratedTraffic.FLOWS_PER_DATAGRAM;

    private final StructListener toStruct = new StructListener();
    private final ProtobufListener toProtobuf = new ProtobufListener();
    private Replay replay;

    @Setup(Level.Trial)
    public void setup() {
        GeneratedTraffic traffic = GeneratedTraffic.netflowV9(Replay.NOW_MILLIS);
        replay = new Replay(traffic.templates, traffic.data).verify(1, FLOWS);
        // The mapping must produce something the codec accepts, or the benchmark measures an exception path.
        replay.decodeNext(flow -> FlowMessageCodec.decode(FlowMessageCodec.encode(FlowStructMapper.toStruct(flow))));
    }

    @TearDown(Level.Trial)
    public void check() {
        replay.checkCounters();
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public void decodeToStruct(Blackhole bh) {
        toStruct.blackhole = bh;
        replay.decodeNext(toStruct);
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public void decodeToStructToProtobuf(Blackhole bh) {
        toProtobuf.blackhole = bh;
        replay.decodeNext(toProtobuf);
    }

    static final class StructListener implements FlowListener {
        Blackhole blackhole;

        @Override
        public void onFlow(DecodedFlow flow) {
            Struct struct = FlowStructMapper.toStruct(flow);
            blackhole.consume(struct);
        }
    }

    static final class ProtobufListener implements FlowListener {
        Blackhole blackhole;

        @Override
        public void onFlow(DecodedFlow flow) {
            blackhole.consume(FlowMessageCodec.encode(FlowStructMapper.toStruct(flow)));
        }
    }
}
