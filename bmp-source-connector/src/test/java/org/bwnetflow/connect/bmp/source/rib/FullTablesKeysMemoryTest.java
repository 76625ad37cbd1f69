package org.bwnetflow.connect.bmp.source.rib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * Issue 25's memory goal for the BMP source: the keys of one router with 4 peers, each sending a
 * full table (1,000,000 IPv4 + 200,000 IPv6 prefixes) in its pre- and post-policy Adj-RIB-In, 9.6
 * million keys, all stale as after a reconnect, held well within the worker's 768 MiB heap.
 * Measured with JOL: the whole store. For comparison, the per-key cost of what the RIB kept before
 * (HashMap of PeerRef to HashSet of RouteKey, plus the stale HashSet) is measured on a sample.
 */
class FullTablesKeysMemoryTest {

    private static final int PEERS = 4;
    private static final int IPV4 = 1_000_000;
    private static final int IPV6 = 200_000;
    private static final RibTable[] TABLES = {RibTable.ADJ_RIB_IN_PRE_POLICY, RibTable.ADJ_RIB_IN_POST_POLICY};
    private static final byte[] ROUTER = {(byte) 192, 0, 2, 1};

    static {
        // RouteKey and PeerRef are records: Unsafe refuses record fields' offsets, JOL then finds them its own way
        System.setProperty("jol.magicFieldOffset", "true");
    }

    private static byte[] peer(int peer) {
        return new byte[] {(byte) 198, 51, 100, (byte) (peer + 1)};
    }

    /** Random distinct prefixes: IPv4 /24s (most of a real table) and IPv6 /48s, into {@code add}. */
    private static void table(Random random, java.util.function.Predicate<byte[]> add, int prefixes, boolean ipv6) {
        byte[] address = new byte[ipv6 ? 16 : 4];
        int added = 0;
        while (added < prefixes) {
            random.nextBytes(address);
            if (ipv6) {
                address[0] = 0x20;
                java.util.Arrays.fill(address, 6, 16, (byte) 0);
            } else {
                address[3] = 0;
            }
            if (add.test(address)) {
                added++;
            }
        }
    }

    @Test
    void fourFullTablesInBothAdjRibInsFitIn400MiB() {
        long seed = Long.getLong("keys.seed", System.nanoTime());
        System.out.println("FullTablesKeysMemoryTest seed " + seed);
        Random random = new Random(seed);
        RouteKeys keys = new RouteKeys();
        long started = System.nanoTime();
        for (int peer = 0; peer < PEERS; peer++) {
            for (RibTable rib : TABLES) {
                TableKeys table = keys.table(rib, peer(peer), 0);
                table(random, address -> keys.add(table, address, 24, 0), IPV4, false);
                table(random, address -> keys.add(table, address, 48, 0), IPV6, true);
            }
        }
        keys.markAllStale();
        long millis = (System.nanoTime() - started) / 1_000_000;

        long bytes = GraphLayout.parseInstance(keys).totalSize();
        int held = keys.size();
        System.out.printf("FullTablesKeysMemoryTest seed %d: %,d keys (%d peers x 2 tables x (%,d IPv4 + %,d IPv6)), "
                + "%,d bytes (%.0f MiB), %.1f bytes a key; filled (random prefixes drawn, duplicates retried) in %,d ms%n", seed, held,
                PEERS, IPV4, IPV6, bytes, bytes / 1048576.0, (double) bytes / held, millis);
        assertThat(held).isEqualTo(PEERS * TABLES.length * (IPV4 + IPV6));
        assertThat(keys.stale()).isEqualTo(held);
        assertThat(bytes).as("seed %d", seed).isLessThan(400L << 20);
    }

    /** What RouterRib kept before: byPeer (PeerRef to HashSet of RouteKey) and, after a reconnect, all keys in stale. */
    @Test
    void theHashSetsOfRouteKeysTheyReplaceCostPerKey() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int ipv4 = IPV4 / 40;
        int ipv6 = IPV6 / 40;
        Map<PeerRef, Set<RouteKey>> byPeer = new HashMap<>();
        Set<RouteKey> stale = new HashSet<>();
        for (RibTable rib : TABLES) {
            Set<RouteKey> peerKeys = byPeer.computeIfAbsent(PeerRef.of(peer(0), 0), p -> new HashSet<>());
            table(random, address -> peerKeys.add(new RouteKey(ROUTER, rib, peer(0), 0, address.clone(), 24, 0)), ipv4, false);
            table(random, address -> peerKeys.add(new RouteKey(ROUTER, rib, peer(0), 0, address.clone(), 48, 0)), ipv6, true);
        }
        byPeer.values().forEach(stale::addAll);
        int held = stale.size();

        long held1 = GraphLayout.parseInstance(byPeer).totalSize();
        long both = GraphLayout.parseInstance(byPeer, stale).totalSize();
        System.out.printf("FullTablesKeysMemoryTest before (seed %d, %,d keys of 1 peer): HashSet<RouteKey> %.1f bytes a key, "
                + "with the stale HashSet %.1f bytes a key (%.0f MiB for 9.6 M keys)%n", seed, held, (double) held1 / held,
                (double) both / held, both / (double) held * 9_600_000 / 1048576.0);
        assertThat(held).isEqualTo(TABLES.length * (ipv4 + ipv6));
    }
}
