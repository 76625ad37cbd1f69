package org.bwnetflow.connect.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code FlowMessageCodec.decode} of enriched flows as the shipped source writes them and the
 * Influx sink, the export sink and flowctl read them: addresses, counters, times, Cid, the
 * countries, the protocol name and the interfaces' names and descriptions (8 text fields). 4,096
 * different messages cycled. One operation is one flow.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FlowMessageDecodeBenchmark {

    private static final int MESSAGES = 4096;
    private static final String[] COUNTRIES = {"DE", "US", "GB", "FR", "NL", "SE", "CN", "BR"};
    private static final String[] PROTOCOLS = {"TCP", "UDP", "ICMP", "GRE", "ESP"};

    private byte[][] messages;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        Random random = new Random(42);
        messages = new byte[MESSAGES][];
        for (int i = 0; i < MESSAGES; i++) {
            Struct flow = FlowMessageSchema.newFlow();
            byte[] src = new byte[4];
            byte[] dst = new byte[4];
            random.nextBytes(src);
            random.nextBytes(dst);
            Flows.setBytes(flow, FlowField.SRC_ADDR, src);
            Flows.setBytes(flow, FlowField.DST_ADDR, dst);
            Flows.setNumber(flow, FlowField.BYTES, 1 + random.nextInt(1_000_000));
            Flows.setNumber(flow, FlowField.PACKETS, 1 + random.nextInt(1000));
            Flows.setNumber(flow, FlowField.TIME_FLOW_END, 1_796_000_000L + i);
            Flows.setNumber(flow, FlowField.SRC_PORT, random.nextInt(65536));
            Flows.setNumber(flow, FlowField.DST_PORT, 443);
            Flows.setNumber(flow, FlowField.PROTO, 6);
            Flows.setNumber(flow, FlowField.CID, 1000 + random.nextInt(200));
            Flows.setText(flow, FlowField.SRC_COUNTRY, COUNTRIES[random.nextInt(COUNTRIES.length)]);
            Flows.setText(flow, FlowField.DST_COUNTRY, COUNTRIES[random.nextInt(COUNTRIES.length)]);
            Flows.setText(flow, FlowField.REMOTE_COUNTRY, COUNTRIES[random.nextInt(COUNTRIES.length)]);
            Flows.setText(flow, FlowField.PROTO_NAME, PROTOCOLS[random.nextInt(PROTOCOLS.length)]);
            Flows.setText(flow, FlowField.SRC_IF_NAME, "et-0/0/" + random.nextInt(48));
            Flows.setText(flow, FlowField.SRC_IF_DESC, "transit " + random.nextInt(16) + " [AS6450" + random.nextInt(9) + "]");
            Flows.setText(flow, FlowField.DST_IF_NAME, "ae" + random.nextInt(8));
            Flows.setText(flow, FlowField.DST_IF_DESC, "customer " + (1000 + random.nextInt(200)));
            messages[i] = FlowMessageCodec.encode(flow);
        }
    }

    @Benchmark
    public Struct decode() {
        byte[] message = messages[next];
        next = next + 1 == MESSAGES ? 0 : next + 1;
        return FlowMessageCodec.decode(message);
    }
}
