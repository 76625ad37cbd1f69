package org.bwnetflow.connect.benchmarks.influx;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.ETYPE;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.NORMALIZED;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.PROTO_NAME;
import static org.bwnetflow.connect.model.FlowField.REMOTE_ADDR;
import static org.bwnetflow.connect.model.FlowField.REMOTE_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.influx.aggregate.AggregationSpec;
import org.bwnetflow.connect.influx.aggregate.Point;
import org.bwnetflow.connect.influx.aggregate.WindowAggregates;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The InfluxDB sink's aggregation path per flow: {@link WindowAggregates#add} with the default spec
 * (bwNetFlow's dashboard: flows, flows_by_country, flows_by_as, top_hosts; since issue 25 also
 * flows_by_neighbor_as, and flows_by_community, which writes nothing without listed communities). One operation is one
 * flow; every {@code flowsPerWindow} flows the window's points are built (as the task does when it
 * writes; line protocol included) and a new window starts, so that cost is in the score.
 *
 * <p>Flows are drawn at random (fixed seed) from a pool of {@code pool} enriched flows: 40 customers, each
 * with its local hosts ({@code hosts} in all, a tenth IPv6), both directions, 16 peering interfaces,
 * 30 countries, 200 remote ASes, the usual protocol and port mix (www, dns, ssh, smtp, imap, other),
 * sampling rate 100, not normalized. Text fields are separate String instances per flow, as decoded
 * records have.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class InfluxAggregationBenchmark {

    static final int CUSTOMERS = 40;
    static final int INTERFACES = 16;
    static final String[] COUNTRIES = {"DE", "US", "NL", "FR", "GB", "CN", "RU", "JP", "SE", "CH", "AT", "PL", "IT", "ES",
        "BR", "IN", "CA", "AU", "KR", "SG", "FI", "NO", "DK", "BE", "CZ", "IE", "UA", "TR", "ZA", ""};
    /** Protocol number, name, server port: the mix of a campus uplink. */
    static final Object[][] SERVICES = {{6, "TCP", 443}, {6, "TCP", 443}, {6, "TCP", 443}, {6, "TCP", 80}, {17, "UDP", 443},
        {17, "UDP", 53}, {17, "UDP", 53}, {6, "TCP", 22}, {6, "TCP", 25}, {6, "TCP", 993}, {6, "TCP", 8080},
        {17, "UDP", 51820}, {1, "ICMP", 0}, {58, "IPv6-ICMP", 0}, {50, "ESP", 0}, {6, "TCP", 3389}};

    @Param({"100000"})
    public int flowsPerWindow;

    @Param({"5000"})
    public int hosts;

    /**
     * Distinct flows drawn from. A task adds each record right after decoding it, so the flow is in
     * the CPU cache: 4,096 flows (about 4 MB of Structs) stay in L2/L3, 65,536 (about 60 MB) do not.
     */
    @Param({"4096", "65536"})
    public int pool;

    /**
     * The measurements: {@code default} (AggregationSpec's defaults), or default measurement names
     * joined by '+' (JMH splits a parameter's values at commas), e.g.
     * {@code flows+flows_by_country+flows_by_as+top_hosts} (the defaults before issue 25).
     */
    @Param({"default"})
    public String measurements;

    /**
     * The key {@code communities}, entries joined by '+' (e.g. {@code 65000:*+65001:*}); when not
     * empty, every flow also carries what the Routes transform sets: NextHopAS (egress) or
     * SrcAsPath (ingress) of 16 neighbour ASes, and 0 to 4 standard
     * communities of 65000-65002 on the remote side's route, as decoded records hold them (lists of Long).
     */
    @Param({""})
    public String communities;

    private AggregationSpec spec;
    private final Map<String, String> partitionTag = Map.of("partition", "0");
    private Struct[] flows;
    private int[] order;
    private int next;
    private int inWindow;
    private long windowStart;
    private WindowAggregates window;
    private long flowsAdded;
    private long pointsWritten;
    private long lineBytes;
    private long windows;
    private long folded;

    @Setup(Level.Trial)
    public void setup() {
        Map<String, String> props = new java.util.HashMap<>();
        if (!measurements.equals("default")) {
            props.put(AggregationSpec.MEASUREMENTS, measurements.replace('+', ','));
        }
        props.put(AggregationSpec.COMMUNITIES, communities.replace('+', ','));
        spec = AggregationSpec.from(props);
        Random random = new Random(42);
        byte[][] localHosts = new byte[hosts][];
        int[] hostCustomer = new int[hosts];
        for (int i = 0; i < hosts; i++) {
            hostCustomer[i] = 1 + i % CUSTOMERS;
            localHosts[i] = i % 10 == 9 ? v6(hostCustomer[i], i) : new byte[] {10, (byte) hostCustomer[i], (byte) (i >> 8), (byte) i};
        }
        flows = new Struct[pool];
        for (int i = 0; i < pool; i++) {
            int host = skewed(random, hosts);
            flows[i] = flow(random, localHosts[host], hostCustomer[host]);
        }
        if (!communities.isEmpty()) {
            Random bgp = new Random(7); // apart from the flows' own draws, so they stay the flows of the runs before
            for (Struct flow : flows) {
                routes(flow, bgp);
            }
        }
        order = new int[1 << 20];
        for (int i = 0; i < order.length; i++) {
            order[i] = random.nextInt(pool);
        }
        window = new WindowAggregates(spec, windowStart);
    }

    /** Hosts are not equally busy: a few talk a lot (a rough Zipf-like skew). */
    private static int skewed(Random random, int n) {
        double u = random.nextDouble();
        return (int) (n * u * u * u);
    }

    private static byte[] v6(int customer, int i) {
        byte[] address = new byte[16];
        address[0] = 0x20;
        address[1] = 0x01;
        address[2] = 0x0d;
        address[3] = (byte) 0xb8;
        address[5] = (byte) customer;
        address[14] = (byte) (i >> 8);
        address[15] = (byte) i;
        return address;
    }

    private static Struct flow(Random random, byte[] local, int customer) {
        boolean ingress = random.nextBoolean();
        boolean v6 = local.length == 16;
        byte[] remote = v6 ? v6(1000 + random.nextInt(200), random.nextInt(65536))
                : new byte[] {(byte) (1 + random.nextInt(200)), (byte) random.nextInt(256), (byte) random.nextInt(256), 7};
        Object[] service = SERVICES[random.nextInt(SERVICES.length)];
        int serverPort = (Integer) service[2];
        int clientPort = serverPort == 0 ? 0 : 1024 + random.nextInt(64000);
        // Ingress answers from a remote server, or requests to a local one.
        boolean remoteIsServer = random.nextInt(4) != 0;
        int srcPort = ingress == remoteIsServer ? serverPort : clientPort;
        int dstPort = ingress == remoteIsServer ? clientPort : serverPort;
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, CID, customer);
        Flows.setNumber(flow, ETYPE, v6 ? 0x86DD : 0x0800);
        Flows.setNumber(flow, PROTO, (Integer) service[0]);
        Flows.setText(flow, PROTO_NAME, new String((String) service[1]));
        Flows.setNumber(flow, SRC_PORT, srcPort);
        Flows.setNumber(flow, DST_PORT, dstPort);
        Flows.setNumber(flow, BYTES, 40 + random.nextInt(1460) * (1 + random.nextInt(20)));
        Flows.setNumber(flow, PACKETS, 1 + random.nextInt(20));
        Flows.setNumber(flow, SAMPLING_RATE, 100);
        Flows.setEnum(flow, NORMALIZED, 0);
        Flows.setText(flow, REMOTE_COUNTRY, new String(COUNTRIES[random.nextInt(COUNTRIES.length)]));
        if (ingress) {
            sides(flow, random, 0, remote, local, SRC_IF_NAME, SRC_IF_DESC);
            Flows.setNumber(flow, SRC_AS, 64_000 + random.nextInt(200));
            Flows.setNumber(flow, DST_AS, 65_001);
        } else {
            sides(flow, random, 1, local, remote, DST_IF_NAME, DST_IF_DESC);
            Flows.setNumber(flow, SRC_AS, 65_001);
            Flows.setNumber(flow, DST_AS, 64_000 + random.nextInt(200));
        }
        return flow;
    }

    /** What the Routes transform adds: the neighbour AS towards the remote side and the communities of its route. */
    private static void routes(Struct flow, Random random) {
        long neighbour = 64_600 + random.nextInt(16);
        boolean ingress = Flows.number(flow, FLOW_DIRECTION) == 0;
        List<Long> communities = new java.util.ArrayList<>();
        for (int c = random.nextInt(5); c > 0; c--) {
            communities.add((65_000L + random.nextInt(3)) << 16 | random.nextInt(50));
        }
        if (ingress) {
            flow.put(FlowMessageSchema.field(FlowField.SRC_AS_PATH), new java.util.ArrayList<>(List.of(neighbour,
                    Flows.number(flow, SRC_AS))));
            flow.put(FlowMessageSchema.field(FlowField.SRC_COMMUNITIES), communities);
        } else {
            Flows.setNumber(flow, FlowField.NEXT_HOP_AS, neighbour);
            flow.put(FlowMessageSchema.field(FlowField.DST_COMMUNITIES), communities);
        }
    }

    /** Addresses, direction (0 in, 1 out; RemoteAddr to match) and the remote-facing interface. */
    private static void sides(Struct flow, Random random, int direction, byte[] src, byte[] dst, FlowField ifName,
            FlowField ifDesc) {
        int peer = random.nextInt(INTERFACES);
        Flows.setBytes(flow, SRC_ADDR, src);
        Flows.setBytes(flow, DST_ADDR, dst);
        Flows.setNumber(flow, FLOW_DIRECTION, direction);
        Flows.setEnum(flow, REMOTE_ADDR, direction + 1);
        Flows.setText(flow, ifName, "et-0/0/" + peer);
        Flows.setText(flow, ifDesc, "peer " + peer + " [AS6" + (4500 + peer) + "]");
    }

    @Benchmark
    public WindowAggregates addFlow() {
        int i = next;
        next = (i + 1) & (order.length - 1);
        window.add(flows[order[i]]);
        if (++inWindow == flowsPerWindow) {
            closeWindow();
        }
        return window;
    }

    /** What the task does when a window is written: its points, as line protocol. */
    private void closeWindow() {
        List<Point> points = window.points(partitionTag);
        for (Point point : points) {
            lineBytes += point.toLineProtocol(TimeUnit.SECONDS).length() + 1;
        }
        flowsAdded += window.records();
        pointsWritten += points.size();
        folded += window.foldedValues() + window.foldedSeries();
        windows++;
        windowStart += 10_000;
        window = new WindowAggregates(spec, windowStart);
        inWindow = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (flowsAdded > 0) {
            System.out.printf("%nMeasurements %s, communities '%s', %,d flows per window, %,d hosts: %,d windows, %.0f points "
                    + "per million flows (%.0f per window), %.0f line-protocol bytes per point, %,d folded values/series%n",
                    measurements, communities, flowsPerWindow, hosts, windows, pointsWritten * 1e6 / flowsAdded,
                    (double) pointsWritten / windows, (double) lineBytes / pointsWritten, folded);
        }
    }
}
