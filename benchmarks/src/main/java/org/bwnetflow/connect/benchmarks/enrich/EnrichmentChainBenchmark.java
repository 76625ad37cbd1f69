package org.bwnetflow.connect.benchmarks.enrich;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.DST_IF_SPEED;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.NORMALIZED;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_SPEED;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.bwnetflow.connect.benchmarks.enrich.SyntheticPrefixList.Prefix;
import org.bwnetflow.connect.enrich.CustomerId;
import org.bwnetflow.connect.enrich.GeoIp;
import org.bwnetflow.connect.enrich.InterfaceNames;
import org.bwnetflow.connect.enrich.Normalize;
import org.bwnetflow.connect.enrich.ProtoName;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture;
import org.bwnetflow.connect.enrich.testing.SnmpdFixture.Interface;
import org.bwnetflow.connect.enrich.testing.TestFiles;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.reduce.Anonymize;
import org.bwnetflow.connect.reduce.ReduceFields;
import org.bwnetflow.connect.tenant.TenantRouter;
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
 * The enrichment chain per flow, as the source task runs it: Normalize, CustomerId with a
 * 100,000-prefix list, GeoIp (MaxMind's City and ASN test databases, warm reader cache),
 * InterfaceNames (SNMP answers from a real snmpd already in its cache) and ProtoName. One
 * operation is one flow; the score is flows per second per thread (= per core).
 *
 * <p>Flows cycle through a pool of {@code distinctFlows}: each has its own local address (a host
 * in a listed prefix) and remote address (a host in a network the City database knows). With
 * 4,096 the prefix lookups are answered from CustomerId's address cache; with 262,144 (524,288
 * addresses, eight times the cache) most of them walk IPAddress's trie. Each operation first
 * undoes what Normalize, InterfaceNames and Anonymize wrote, so every flow is enriched afresh.
 *
 * <p>The tenant stage of the shipped pipeline runs after the chain: TenantRouter (topic from Cid,
 * every Cid a tenant), then, for the tenants a TopicNameMatches predicate picks, ReduceFields
 * (a 17-field keep-list) and Anonymize. {@code shippedPipeline} reduces every tenth tenant's flows
 * ({@code flows-\d*0}); the {@code ...Only} benchmarks give each stage's own cost, on every flow.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class EnrichmentChainBenchmark {

    static final int PREFIXES = 100_000;
    static final int INTERFACES = 16;
    static final String COMMUNITY = "bench";

    /** Networks of GeoIP2-City-Test (see its JSON): remote addresses are hosts in them. */
    static final String[] REMOTE_NETWORKS = {"2.125.160.216/29", "81.2.69.160/27", "89.160.20.128/25",
        "216.160.83.56/29", "175.16.199.0/24", "202.196.224.0/20", "214.78.120.0/22", "67.43.156.0/24",
        "2001:218::/32", "2001:250::/31", "2a02:d180::/29", "2a02:cf40::/29", "2001:480:10::/48"};

    /** The keep-list of the shipped per-tenant reduction (connect-configs/connectors/netflow-source.json). */
    static final String KEEP_LIST = "Type,TimeFlowStart,TimeFlowEnd,Bytes,Packets,SrcAddr,DstAddr,Etype,Proto,ProtoName,"
            + "SrcPort,DstPort,FlowDirection,Normalized,Cid,RemoteAddr,RemoteCountry";

    @Param({"4096", "262144"})
    public int distinctFlows;

    private Path dir;
    private SnmpdFixture snmpd;
    private Struct[] flows;
    private long[] bytes;
    private SourceRecord[] records;
    private int next;
    private final Normalize<SourceRecord> normalize = new Normalize<>();
    private final CustomerId<SourceRecord> customerId = new CustomerId<>();
    private final GeoIp<SourceRecord> geoIp = new GeoIp<>();
    private final InterfaceNames<SourceRecord> interfaceNames = new InterfaceNames<>();
    private final ProtoName<SourceRecord> protoName = new ProtoName<>();
    private final TenantRouter<SourceRecord> router = new TenantRouter<>();
    private final ReduceFields<SourceRecord> reduce = new ReduceFields<>();
    private final Anonymize<SourceRecord> truncate = new Anonymize<>();
    private final Anonymize<SourceRecord> cryptoPan = new Anonymize<>();
    /** The predicate of the shipped config, as Connect's TopicNameMatches evaluates it. */
    private final Pattern reducedTenants = Pattern.compile("flows-\\d*0");
    private byte[][] srcAddrs;
    private byte[][] dstAddrs;
    private byte[][] encoded;
    private SourceRecord[] rawRecords;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        dir = Files.createTempDirectory("enrichment-bench");
        Path prefixFile = dir.resolve("prefixes.csv");
        List<Prefix> prefixes = SyntheticPrefixList.write(prefixFile, PREFIXES, 42);
        Map<Integer, Interface> table = new HashMap<>();
        for (int i = 1; i <= INTERFACES; i++) {
            table.put(i, new Interface("et-0/0/" + i, "peer " + i + " [AS6" + i + "]", 100_000));
        }
        snmpd = SnmpdFixture.start(dir.resolve("snmpd"), freeUdpPort(), COMMUNITY, table);

        normalize.configure(Map.of());
        customerId.configure(Map.of(CustomerId.PREFIXES_FILE, prefixFile.toString()));
        geoIp.configure(Map.of(GeoIp.DATABASE_FILE, TestFiles.testdata("geoip/GeoIP2-City-Test.mmdb").toString(),
                GeoIp.ASN_DATABASE_FILE, TestFiles.testdata("geoip/GeoLite2-ASN-Test.mmdb").toString()));
        interfaceNames.configure(Map.of(InterfaceNames.SNMP_COMMUNITY, COMMUNITY,
                InterfaceNames.SNMP_PORT, Integer.toString(snmpd.port()),
                InterfaceNames.SNMP_AGENTS_ALLOWLIST, "127.0.0.1/32",
                InterfaceNames.SNMP_ALIAS_REGEX, "\\[(.*)\\]"));
        protoName.configure(Map.of());
        router.configure(Map.of());
        reduce.configure(Map.of(ReduceFields.FIELDS_KEEP, KEEP_LIST));
        truncate.configure(Map.of());
        cryptoPan.configure(Map.of(Anonymize.METHOD, Anonymize.METHOD_CRYPTOPAN, Anonymize.CRYPTOPAN_KEY,
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));

        buildFlows(prefixes);
        warmUp();
    }

    private void buildFlows(List<Prefix> prefixes) {
        Random random = new Random(7);
        List<IPAddress> remotes = new ArrayList<>();
        for (String network : REMOTE_NETWORKS) {
            remotes.add(new IPAddressString(network).getAddress());
        }
        int[] protocols = {6, 6, 6, 17, 17, 1, 58, 47, 50, 132};
        byte[] exporter = {127, 0, 0, 1};
        flows = new Struct[distinctFlows];
        bytes = new long[distinctFlows];
        records = new SourceRecord[distinctFlows];
        srcAddrs = new byte[distinctFlows][];
        dstAddrs = new byte[distinctFlows][];
        for (int i = 0; i < distinctFlows; i++) {
            Prefix local = prefixes.get(random.nextInt(prefixes.size()));
            byte[] localAddress = local.randomHost(random);
            byte[] remoteAddress = remoteHost(remotes, localAddress.length, random);
            boolean ingress = random.nextBoolean();
            Struct flow = FlowMessageSchema.newFlow();
            flow.put(FlowMessageSchema.field(SRC_ADDR), ingress ? remoteAddress : localAddress);
            flow.put(FlowMessageSchema.field(DST_ADDR), ingress ? localAddress : remoteAddress);
            flow.put(FlowMessageSchema.field(SAMPLER_ADDRESS), exporter);
            Flows.setNumber(flow, FLOW_DIRECTION, ingress ? 0 : 1);
            Flows.setNumber(flow, IN_IF, 1 + random.nextInt(INTERFACES));
            Flows.setNumber(flow, OUT_IF, 1 + random.nextInt(INTERFACES));
            Flows.setNumber(flow, PROTO, protocols[random.nextInt(protocols.length)]);
            Flows.setNumber(flow, SAMPLING_RATE, 100);
            bytes[i] = 40 + random.nextInt(1460);
            flows[i] = flow;
            records[i] = new SourceRecord(Map.of(), Map.of(), "flows", null, null, null, FlowMessageSchema.SCHEMA, flow);
            srcAddrs[i] = Flows.bytes(flow, SRC_ADDR);
            dstAddrs[i] = Flows.bytes(flow, DST_ADDR);
        }
    }

    static byte[] remoteHost(List<IPAddress> remotes, int family, Random random) {
        while (true) {
            IPAddress network = remotes.get(random.nextInt(remotes.size()));
            byte[] address = network.getLower().getBytes();
            if (address.length != family) {
                continue;
            }
            for (int bit = network.getNetworkPrefixLength(); bit < address.length * 8; bit++) {
                if (random.nextBoolean()) {
                    address[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
            return address;
        }
    }

    /** Fills the SNMP cache from snmpd and runs every flow through the chain once. */
    private void warmUp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (interfaceNames.counter("snmp-answers") < INTERFACES) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("snmpd answered " + interfaceNames.counter("snmp-answers") + " of "
                        + INTERFACES + " interfaces");
            }
            for (int i = 0; i < Math.min(1000, distinctFlows); i++) {
                interfaceNames.apply(records[i]);
            }
            Thread.sleep(20);
        }
        for (int i = 0; i < distinctFlows; i++) {
            chain();
        }
        // Enriched flows as a Kafka-to-Kafka hop reads them: raw FlowMessage bytes.
        encoded = new byte[distinctFlows][];
        rawRecords = new SourceRecord[distinctFlows];
        for (int i = 0; i < distinctFlows; i++) {
            encoded[i] = FlowMessageCodec.encode(flows[i]);
            rawRecords[i] = new SourceRecord(Map.of(), Map.of(), "netflow-enriched", null, null, null,
                    Schema.BYTES_SCHEMA, encoded[i]);
        }
        Struct flow = flows[0];
        if (Flows.text(flow, SRC_IF_NAME).isEmpty() || Flows.enumValue(flow, NORMALIZED) != 1
                || customerId.counter("matched") < distinctFlows) {
            throw new IllegalStateException("the chain did not enrich: " + flow);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        for (Transformation<SourceRecord> t : List.of(normalize, customerId, geoIp, interfaceNames, protoName, router, reduce,
                truncate, cryptoPan)) {
            t.close();
        }
        snmpd.close();
        System.out.printf("%nCustomerId matched %,d, unmatched %,d; GeoIp located %,d, unlocated %,d; "
                + "InterfaceNames named %,d, SNMP queries %,d%n", customerId.counter("matched"),
                customerId.counter("unmatched"), geoIp.counter("located"), geoIp.counter("unlocated"),
                interfaceNames.counter("named"), interfaceNames.counter("snmp-queries"));
    }

    @Benchmark
    public SourceRecord chain() {
        SourceRecord record = nextRecord();
        return protoName.apply(interfaceNames.apply(geoIp.apply(customerId.apply(normalize.apply(record)))));
    }

    /** The chain, then the tenant stage exactly as the shipped connector config runs it. */
    @Benchmark
    public SourceRecord shippedPipeline() {
        SourceRecord routed = router.apply(chain());
        if (reducedTenants.matcher(routed.topic()).matches()) {
            return truncate.apply(reduce.apply(routed));
        }
        return routed;
    }

    @Benchmark
    public SourceRecord routerOnly() {
        return router.apply(nextRecord());
    }

    /** TenantRouter on raw FlowMessage bytes (the two-hop topology): only the Cid field is read. */
    @Benchmark
    public SourceRecord routerOnRawBytesOnly() {
        int i = next;
        next = i + 1 == distinctFlows ? 0 : i + 1;
        return router.apply(rawRecords[i]);
    }

    @Benchmark
    public SourceRecord reduceFieldsOnly() {
        return reduce.apply(nextRecord());
    }

    @Benchmark
    public SourceRecord anonymizeTruncateOnly() {
        return truncate.apply(nextRecord());
    }

    /** Crypto-PAn on SrcAddr, DstAddr, SamplerAddress (NextHop is unset), with its HMAC mark header. */
    @Benchmark
    public SourceRecord anonymizeCryptoPanOnly() {
        SourceRecord record = nextRecord();
        // A fresh record each time, as the source makes them: a reused one would carry the last mark.
        return cryptoPan.apply(record.newRecord(record.topic(), null, null, null, record.valueSchema(), record.value(),
                null));
    }

    @Benchmark
    public SourceRecord normalizeOnly() {
        return normalize.apply(nextRecord());
    }

    @Benchmark
    public SourceRecord customerIdOnly() {
        return customerId.apply(nextRecord());
    }

    @Benchmark
    public SourceRecord geoIpOnly() {
        return geoIp.apply(nextRecord());
    }

    @Benchmark
    public SourceRecord interfaceNamesOnly() {
        return interfaceNames.apply(nextRecord());
    }

    @Benchmark
    public SourceRecord protoNameOnly() {
        return protoName.apply(nextRecord());
    }

    /** The next flow of the pool, with what Normalize and InterfaceNames wrote undone. */
    private SourceRecord nextRecord() {
        int i = next;
        next = i + 1 == distinctFlows ? 0 : i + 1;
        Struct flow = flows[i];
        Flows.setNumber(flow, BYTES, bytes[i]);
        Flows.setNumber(flow, PACKETS, 1);
        Flows.setEnum(flow, NORMALIZED, 0);
        Flows.setText(flow, SRC_IF_NAME, null);
        Flows.setText(flow, SRC_IF_DESC, null);
        Flows.setNumber(flow, SRC_IF_SPEED, 0);
        Flows.setText(flow, DST_IF_NAME, null);
        Flows.setText(flow, DST_IF_DESC, null);
        Flows.setNumber(flow, DST_IF_SPEED, 0);
        Flows.setBytes(flow, SRC_ADDR, srcAddrs[i]);
        Flows.setBytes(flow, DST_ADDR, dstAddrs[i]);
        return records[i];
    }

    private static int freeUdpPort() throws java.io.IOException {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
