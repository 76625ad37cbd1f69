package org.bwnetflow.connect.enrich.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bwnetflow.connect.enrich.customer.RandomPrefixes.Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jol.info.GraphLayout;

class PrefixTableTest {

    private static final long SEED = 0xC0FFEEL;

    @TempDir
    Path tmp;

    @Test
    void addressesOfOtherLengthsHaveNoCustomer() throws IOException, PrefixListException {
        Path file = tmp.resolve("any.csv");
        Files.writeString(file, "0.0.0.0/0,1\n::/0,2\n");
        PrefixTable table = PrefixTable.load(file);
        assertThat(table.lookup(new byte[0])).isZero();
        assertThat(table.lookup(new byte[4])).isEqualTo(1);
        assertThat(table.lookup(new byte[16])).isEqualTo(2);
    }

    /** Cold addresses (every one new) must not cost an object each: a lookup reads the bytes as they are. */
    @Test
    void lookupsAllocateNothing() throws IOException, PrefixListException {
        System.out.printf("lookupsAllocateNothing seed %d%n", SEED);
        Random random = new Random(SEED);
        List<Prefix> prefixes = RandomPrefixes.write(tmp.resolve("list.csv"), 20_000, 0.3, 1000, 0.25, random);
        PrefixTable table = PrefixTable.load(tmp.resolve("list.csv"));
        byte[][] addresses = new byte[1 << 18][]; // 262,144: four times what the old address cache held
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = prefixes.get(random.nextInt(prefixes.size())).randomHost(random);
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long found = 0;
        for (int warmUp = 0; warmUp < 4; warmUp++) {
            for (byte[] address : addresses) {
                found += table.lookup(address) != 0 ? 1 : 0;
            }
        }
        long before = threads.getThreadAllocatedBytes(thread);
        for (int round = 0; round < 4; round++) {
            for (byte[] address : addresses) {
                found += table.lookup(address) != 0 ? 1 : 0;
            }
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        System.out.printf("%,d lookups allocated %d bytes%n", 4 * addresses.length, allocated);
        assertThat(found).as("every address is a host of a listed prefix").isEqualTo(8L * addresses.length);
        assertThat(allocated).as("bytes for 1,048,576 lookups (one allocation each would be >= 16 MB)")
                .isLessThan(64 * 1024);
    }

    /**
     * A million prefixes fit in 64 MiB: all IPv6 (the widest ranges) and randomly nested (the most
     * ranges). The load time is printed, not asserted.
     */
    @Test
    void aMillionPrefixesFitIn64MiB() throws IOException, PrefixListException {
        System.out.printf("aMillionPrefixesFitIn64MiB seed %d%n", SEED);
        Path file = tmp.resolve("million.csv");
        RandomPrefixes.write(file, 1_000_000, 1.0, 50_000, 0.1, new Random(SEED));
        long start = System.nanoTime();
        PrefixTable table = PrefixTable.load(file);
        double seconds = (System.nanoTime() - start) / 1e9;
        long bytes = GraphLayout.parseInstance(table).totalSize();
        System.out.printf("1,000,000 IPv6 prefixes: loaded in %.2f s (%,d bytes of list); table %,d bytes (%.1f per "
                + "prefix)%n", seconds, Files.size(file), bytes, bytes / 1e6);
        assertThat(table.size()).isEqualTo(1_000_000);
        assertThat(bytes).as("heap kept by a table of 1,000,000 prefixes").isLessThanOrEqualTo(64L << 20);
    }
}
