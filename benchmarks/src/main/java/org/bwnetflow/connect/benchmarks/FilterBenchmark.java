package org.bwnetflow.connect.benchmarks;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.filter.Filter;
import org.bwnetflow.connect.filter.FlowFilters;
import org.bwnetflow.connect.filter.RawFlowMatcher;
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
 * The filter language on a five-term filter: {@code raw} matches FlowMessage bytes as a Kafka record holds them
 * (no decoding, nothing allocated), {@code struct} matches the decoded Structs. 4,096 enriched flows cycled (the
 * fields of {@link FlowMessageDecodeBenchmark}'s flows): sources half in 10.0.0.0/8, a fifth IPv6; half TCP, 40%
 * UDP, a third of that to port 53; about 4% match. One operation is one flow.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FilterBenchmark {

    static final String FILTER = "src net 10.0.0.0/8 and proto udp and dst port 53 and bytes > 1000 and not dst as 64500";

    private static final int MESSAGES = 4096;
    private static final long[] AS_NUMBERS = {64500, 15169, 3320, 13335, 16509};
    private static final String[] COUNTRIES = {"DE", "US", "GB", "FR", "NL", "SE", "CN", "BR"};

    private byte[][] messages;
    private Struct[] structs;
    private RawFlowMatcher matcher;
    private Filter filter;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        Random random = new Random(26);
        messages = new byte[MESSAGES][];
        structs = new Struct[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            messages[i] = FlowMessageCodec.encode(flow(random, i));
            structs[i] = FlowMessageCodec.decode(messages[i]);
        }
        filter = FlowFilters.parse(FILTER);
        matcher = filter.compileRaw();
        int matching = 0;
        for (byte[] message : messages) {
            matching += matcher.matches(message) ? 1 : 0;
        }
        System.out.printf("%n%d of %d flows match %s%n", matching, MESSAGES, filter);
    }

    private static Struct flow(Random random, int i) {
        Struct flow = FlowMessageSchema.newFlow();
        boolean ipv6 = random.nextInt(5) == 0;
        byte[] src = new byte[ipv6 ? 16 : 4];
        byte[] dst = new byte[ipv6 ? 16 : 4];
        random.nextBytes(src);
        random.nextBytes(dst);
        if (!ipv6 && random.nextBoolean()) {
            src[0] = 10;
        }
        Flows.setBytes(flow, FlowField.SRC_ADDR, src);
        Flows.setBytes(flow, FlowField.DST_ADDR, dst);
        Flows.setBytes(flow, FlowField.SAMPLER_ADDRESS, new byte[] {(byte) 198, 51, 100, (byte) random.nextInt(4)});
        long proto = protocolAndPorts(random, flow);
        Flows.setNumber(flow, FlowField.BYTES, 40 + random.nextInt(100_000));
        Flows.setNumber(flow, FlowField.PACKETS, 1 + random.nextInt(1000));
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, 1_796_000_000L + i);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, 1_796_000_010L + i);
        Flows.setNumber(flow, FlowField.SRC_AS, AS_NUMBERS[random.nextInt(AS_NUMBERS.length)]);
        Flows.setNumber(flow, FlowField.DST_AS, AS_NUMBERS[random.nextInt(AS_NUMBERS.length)]);
        Flows.setNumber(flow, FlowField.IN_IF, random.nextInt(48));
        Flows.setNumber(flow, FlowField.OUT_IF, random.nextInt(48));
        Flows.setNumber(flow, FlowField.CID, 1000 + random.nextInt(200));
        Flows.setText(flow, FlowField.SRC_COUNTRY, COUNTRIES[random.nextInt(COUNTRIES.length)]);
        Flows.setText(flow, FlowField.DST_COUNTRY, COUNTRIES[random.nextInt(COUNTRIES.length)]);
        Flows.setText(flow, FlowField.PROTO_NAME, proto == 6 ? "TCP" : proto == 17 ? "UDP" : "ICMP");
        Flows.setText(flow, FlowField.SRC_IF_NAME, "et-0/0/" + random.nextInt(48));
        Flows.setText(flow, FlowField.DST_IF_NAME, "ae" + random.nextInt(8));
        return flow;
    }

    /** Half TCP, 40% UDP (a third of it to port 53), the rest ICMP; the protocol set. */
    private static long protocolAndPorts(Random random, Struct flow) {
        int kind = random.nextInt(10);
        long proto = kind < 5 ? 6 : kind < 9 ? 17 : 1;
        Flows.setNumber(flow, FlowField.PROTO, proto);
        Flows.setNumber(flow, FlowField.SRC_PORT, 1024 + random.nextInt(64512));
        Flows.setNumber(flow, FlowField.DST_PORT, proto == 17 && random.nextInt(3) == 0 ? 53 : random.nextInt(1024));
        return proto;
    }

    @Benchmark
    public boolean raw() {
        byte[] message = messages[next];
        next = next + 1 == MESSAGES ? 0 : next + 1;
        return matcher.matches(message, 0, message.length);
    }

    @Benchmark
    public boolean struct() {
        Struct flow = structs[next];
        next = next + 1 == MESSAGES ? 0 : next + 1;
        return filter.matches(flow);
    }
}
