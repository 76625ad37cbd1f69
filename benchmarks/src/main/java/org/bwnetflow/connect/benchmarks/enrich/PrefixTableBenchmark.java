package org.bwnetflow.connect.benchmarks.enrich;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.benchmarks.enrich.SyntheticPrefixList.Prefix;
import org.bwnetflow.connect.enrich.customer.PrefixTable;
import org.bwnetflow.connect.enrich.testing.ReferencePrefixTrie;
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
 * CustomerId's prefix lookup, before and after the compact table, in one run: {@code trieCached}
 * is the lookup as it was (a 65,536-address cache per family in front of IPAddress's trie),
 * {@code trie} the trie alone, {@code table} the compact table CustomerId uses now. One operation
 * is one address looked up; the score is lookups per second per thread.
 *
 * <p>The addresses cycle through a pool of {@code distinctAddresses}: half of them hosts of listed
 * prefixes (local addresses), half random (remote ones, mostly in no prefix), 80% IPv4 like the
 * list. With 262,144 distinct addresses the old cache misses (cold addresses, as with traffic
 * whose addresses rarely repeat); with 4,096 it answers nearly all.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@State(Scope.Thread)
public class PrefixTableBenchmark {

    @Param({"100000", "1000000"})
    public int prefixes;

    @Param({"4096", "262144"})
    public int distinctAddresses;

    private PrefixTable table;
    private ReferencePrefixTrie trie;
    private byte[][] addresses;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Path dir = Files.createTempDirectory("prefix-table-bench");
        Path file = dir.resolve("prefixes.csv");
        List<Prefix> listed = SyntheticPrefixList.write(file, prefixes, 42);
        table = PrefixTable.load(file);
        trie = ReferencePrefixTrie.load(file);
        Files.delete(file);
        Files.delete(dir);
        Random random = new Random(7);
        addresses = new byte[distinctAddresses][];
        for (int i = 0; i < distinctAddresses; i++) {
            if (i % 2 == 0) {
                addresses[i] = listed.get(random.nextInt(listed.size())).randomHost(random);
            } else {
                addresses[i] = new byte[random.nextInt(5) == 0 ? 16 : 4];
                random.nextBytes(addresses[i]);
            }
            if (table.lookup(addresses[i]) != trie.lookup(addresses[i])) {
                throw new IllegalStateException("the table and the trie disagree on address " + i);
            }
        }
    }

    @Benchmark
    public long trieCached() {
        return trie.cachedLookup(nextAddress());
    }

    @Benchmark
    public long trie() {
        return trie.lookup(nextAddress());
    }

    @Benchmark
    public long table() {
        return table.lookup(nextAddress());
    }

    private byte[] nextAddress() {
        int i = next;
        next = i + 1 == distinctAddresses ? 0 : i + 1;
        return addresses[i];
    }
}
