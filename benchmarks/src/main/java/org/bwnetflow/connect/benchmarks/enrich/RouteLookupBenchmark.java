package org.bwnetflow.connect.benchmarks.enrich;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.enrich.ranges.PrefixRanges;
import org.bwnetflow.connect.enrich.routes.AttributeSets;
import org.bwnetflow.connect.enrich.routes.RouteAttributes;
import org.bwnetflow.connect.enrich.routes.RouteTable;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * A flow address's route in a full table (issue 25): the longest-prefix match in a RouteTable's
 * snapshot of 1,000,000 IPv4 /24s and 200,000 IPv6 /48s (300,000 distinct paths), then its
 * neighbour and origin AS from the attribute sets' primitive arrays. Addresses cycle through {@code distinctAddresses}, 80%
 * IPv4, most inside a route. One op = one address.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class RouteLookupBenchmark {

    @Param({"4096", "262144"})
    public int distinctAddresses;

    private AttributeSets.View view;
    private PrefixRanges snapshot;
    private byte[][] addresses;
    private int next;

    @Setup(Level.Trial)
    public void setup() {
        Random random = new Random(25);
        AttributeSets sets = new AttributeSets();
        RouteAttributes[] paths = new RouteAttributes[300_000];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = new RouteAttributes(new long[] {1 + random.nextInt(400_000), 1 + random.nextInt(400_000)},
                    new long[0], new long[0], new byte[] {10, 0, 0, 1});
        }
        RouteTable table = new RouteTable(sets, 1_200_000);
        for (int i = 0; i < 1_000_000; i++) {
            int address = 0x0100_0000 + (i << 8);
            table.announce(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), 0}, 24, 0,
                    paths[random.nextInt(paths.length)]);
        }
        for (int i = 0; i < 200_000; i++) {
            byte[] address = new byte[16];
            address[0] = 0x20;
            address[1] = 0x01;
            address[4] = (byte) (i >>> 8);
            address[5] = (byte) i;
            address[3] = (byte) (i >>> 16);
            table.announce(address, 48, 0, paths[random.nextInt(paths.length)]);
        }
        snapshot = table.snapshot();
        view = sets.view();
        addresses = new byte[distinctAddresses][];
        for (int i = 0; i < distinctAddresses; i++) {
            if (random.nextInt(5) == 0) {
                byte[] address = new byte[16];
                random.nextBytes(address);
                address[0] = 0x20;
                address[1] = 0x01;
                address[2] = 0;
                address[3] = (byte) random.nextInt(4);
                addresses[i] = address;
            } else {
                int address = 0x0100_0000 + random.nextInt(1_000_000 << 8);
                addresses[i] = new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
            }
        }
    }

    @Benchmark
    public long lookup() {
        byte[] address = addresses[next];
        next = next + 1 == distinctAddresses ? 0 : next + 1;
        int id = snapshot.lookup(address);
        return view.neighbourAs(id) + view.originAs(id);
    }
}
