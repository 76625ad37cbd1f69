package org.bwnetflow.connect.enrich.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * Issue 25's memory goal: a full IPv4 + IPv6 table (about 1.2 M prefixes) from each of 4 peers in
 * at most 512 MiB, AS paths and community sets shared between routes. The tables here are
 * synthetic: per peer 1,000,000 distinct IPv4 prefixes (/24s, as most of a real table is, and every
 * tenth of them also as a covering /22, /20 or /16) and 200,000 distinct IPv6 /48s, 4 peers
 * announcing the same prefixes with paths drawn from 300,000 distinct ones; measured with JOL:
 * the routes, their snapshots and the shared attributes.
 */
class FullTablesMemoryTest {

    private static final int PEERS = 4;
    private static final int IPV4 = 1_000_000;
    private static final int IPV6 = 200_000;
    private static final int PATHS = 300_000;

    static {
        // RouteAttributes is a record: Unsafe refuses record fields' offsets, JOL then finds them its own way
        System.setProperty("jol.magicFieldOffset", "true");
    }

    @Test
    void fourFullTablesFitIn512MiB() {
        long seed = 25L;
        Random random = new Random(seed);
        RouteAttributes[] paths = new RouteAttributes[PATHS];
        for (int i = 0; i < PATHS; i++) {
            long[] asns = new long[2 + random.nextInt(5)];
            for (int a = 0; a < asns.length; a++) {
                asns[a] = 1 + random.nextInt(400_000);
            }
            long[] communities = new long[random.nextInt(4)];
            for (int c = 0; c < communities.length; c++) {
                communities[c] = random.nextInt() & 0xFFFF_FFFFL;
            }
            paths[i] = new RouteAttributes(asns, communities, new long[0], new byte[] {10, 0, 0, (byte) (i & 0xFF)});
        }
        AttributeSets sets = new AttributeSets();
        RouteTable[] tables = new RouteTable[PEERS];
        for (int peer = 0; peer < PEERS; peer++) {
            RouteTable table = new RouteTable(sets, IPV4 + IPV6);
            int announced = 0;
            for (int i = 0; announced < IPV4; i++) {
                int address = 0x0100_0000 + (i << 8); // 1.0.0.0/24, 1.0.1.0/24, ...
                int length = i % 10 != 0 ? 24 : i % 40 == 0 ? 16 : i % 20 == 0 ? 20 : 22;
                if (length < 24 && (address & ~(-1 << (32 - length))) != 0) {
                    length = 24; // not the start of a covering block: announce it as the /24
                }
                table.announce(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
                    (byte) address}, length, 0, paths[random.nextInt(PATHS)]);
                announced++;
            }
            for (int i = 0; i < IPV6; i++) {
                byte[] address = new byte[16];
                address[0] = 0x20;
                address[1] = 0x01;
                address[2] = (byte) (i >>> 24);
                address[3] = (byte) (i >>> 16);
                address[4] = (byte) (i >>> 8);
                address[5] = (byte) i;
                table.announce(address, 48, 0, paths[random.nextInt(PATHS)]);
            }
            table.snapshot();
            tables[peer] = table;
        }
        long bytes = GraphLayout.parseInstance((Object) tables).totalSize();
        System.out.printf("FullTablesMemoryTest seed %d: %d tables of %,d routes, %,d attribute sets: %,d bytes (%.0f MiB)%n",
                seed, PEERS, tables[0].size(), sets.size(), bytes, bytes / 1048576.0);
        assertThat(tables[0].size()).isEqualTo(IPV4 + IPV6);
        assertThat(bytes).as("seed %d", seed).isLessThanOrEqualTo(512L << 20);
    }
}
