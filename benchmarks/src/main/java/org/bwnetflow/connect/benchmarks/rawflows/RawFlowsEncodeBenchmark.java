package org.bwnetflow.connect.benchmarks.rawflows;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.rawflows.encode.FlowLineEncoder;
import org.bwnetflow.connect.rawflows.encode.LineBuffer;
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
 * The raw flows sink's per-flow work: FlowMessage protobuf bytes of enriched flows (as the shipped
 * chain leaves them) into one line of line protocol, into a buffer emptied every 16,384 lines (a
 * batch of about 8 MB). 4,096 different messages cycled; one operation is one flow.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RawFlowsEncodeBenchmark {

    private static final int MESSAGES = 4096;
    private static final String[] COUNTRIES = {"DE", "US", "GB", "FR", "NL", "SE", "CN", "BR"};

    private final FlowLineEncoder encoder = new FlowLineEncoder("flows_raw");
    private final LineBuffer lines = new LineBuffer(16 << 20);
    private byte[][] messages;
    private int next;
    private long offset;

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
            Flows.setBytes(flow, FlowField.SAMPLER_ADDRESS, new byte[] {127, 0, 0, (byte) (10 + random.nextInt(4))});
            Flows.setNumber(flow, FlowField.BYTES, 1 + random.nextInt(1_000_000));
            Flows.setNumber(flow, FlowField.PACKETS, 1 + random.nextInt(1000));
            Flows.setNumber(flow, FlowField.TIME_FLOW_START, 1_796_000_000L + i);
            Flows.setNumber(flow, FlowField.TIME_FLOW_END, 1_796_000_010L + i);
            Flows.setNumber(flow, FlowField.SRC_PORT, random.nextInt(65536));
            Flows.setNumber(flow, FlowField.DST_PORT, 443);
            Flows.setNumber(flow, FlowField.PROTO, 6);
            Flows.setNumber(flow, FlowField.IN_IF, random.nextInt(48));
            Flows.setNumber(flow, FlowField.OUT_IF, random.nextInt(8));
            Flows.setNumber(flow, FlowField.SRC_AS, 64500 + random.nextInt(100));
            Flows.setNumber(flow, FlowField.DST_AS, 64500 + random.nextInt(100));
            Flows.setNumber(flow, FlowField.CID, 1000 + random.nextInt(200));
            Flows.setText(flow, FlowField.SRC_COUNTRY, COUNTRIES[random.nextInt(COUNTRIES.length)]);
            Flows.setText(flow, FlowField.DST_COUNTRY, COUNTRIES[random.nextInt(COUNTRIES.length)]);
            Flows.setText(flow, FlowField.PROTO_NAME, "TCP");
            Flows.setText(flow, FlowField.SRC_IF_NAME, "et-0/0/" + random.nextInt(48));
            Flows.setText(flow, FlowField.SRC_IF_DESC, "transit " + random.nextInt(16));
            Flows.setText(flow, FlowField.DST_IF_NAME, "ae" + random.nextInt(8));
            messages[i] = FlowMessageCodec.encode(flow);
        }
    }

    /** Message {@code i} of the cycle, for {@link RawFlowsEncodeCpu}. */
    byte[] message(int i) {
        return messages[i % MESSAGES];
    }

    @Benchmark
    public int encode() {
        byte[] message = messages[next];
        next = next + 1 == MESSAGES ? 0 : next + 1;
        if (lines.lines() == 16_384) {
            lines.clear();
        }
        encoder.append(lines, message, "flows-1000", 0, offset++, 1_796_000_011_000L + offset);
        return lines.size();
    }
}
