package org.bwnetflow.connect.bmp.source.rib;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.junit.jupiter.api.Test;

/**
 * The compact store holds what a HashSet of RouteKey would, under random announcements,
 * withdrawals, Peer Downs, reconnects (all stale) and sweeps of the stale keys of a table: few
 * distinct keys, so that keys come and go often, the sets grow and shrink and probe runs collide.
 * Seeded; the seed is printed (set -Dkeys.seed=... to repeat a run).
 */
class RouteKeysEquivalenceTest {

    private static final byte[] ROUTER = {(byte) 192, 0, 2, 1};
    private static final RibTable[] TABLES = {RibTable.ADJ_RIB_IN_PRE_POLICY, RibTable.ADJ_RIB_IN_POST_POLICY};
    private static final byte[][] PEERS = {{10, 0, 0, 1}, {10, 0, 0, 2}, new byte[16]};
    private static final long[] PATH_IDS = {0, 1, 0x8000_0000L, 0xFFFF_FFFFL};
    private static final int STEPS = 400_000;

    private final RouteKeys store = new RouteKeys();
    private final Set<RouteKey> held = new HashSet<>();
    private final Set<RouteKey> stale = new HashSet<>();

    private static RouteKey randomKey(Random random, int spread) {
        boolean ipv6 = random.nextInt(4) == 0;
        byte[] prefix = new byte[ipv6 ? 16 : 4];
        int n = random.nextInt(spread);
        prefix[0] = (byte) (ipv6 ? 0x20 : n >>> 8);
        prefix[ipv6 ? 15 : 1] = (byte) n;
        if (ipv6 && random.nextBoolean()) {
            prefix[3] = (byte) n; // the high word differs too
        }
        int length = ipv6 ? 128 - random.nextInt(3) * 16 : 32 - random.nextInt(3) * 8;
        return new RouteKey(ROUTER, TABLES[random.nextInt(TABLES.length)], PEERS[random.nextInt(PEERS.length)],
                random.nextInt(8) == 0 ? 1 : 0, prefix, length, PATH_IDS[random.nextInt(PATH_IDS.length)]);
    }

    private TableKeys table(RouteKey key) {
        return store.table(key.table(), key.peerAddress(), key.peerDistinguisher());
    }

    private static List<RouteKey> contents(List<KeySet> sets, TableKeys owner) {
        List<RouteKey> keys = new ArrayList<>();
        for (KeySet set : sets) {
            for (int slot = 0; slot < set.capacity(); slot++) {
                if (set.used(slot)) {
                    keys.add(owner.key(ROUTER, set, slot));
                }
            }
        }
        return keys;
    }

    @Test
    void behavesLikeAHashSetOfRouteKeys() {
        long seed = Long.getLong("keys.seed", System.nanoTime());
        System.out.println("RouteKeysEquivalenceTest seed " + seed);
        Random random = new Random(seed);
        for (int step = 0; step < STEPS; step++) {
            // the key space widens and narrows, so that the sets grow and then shrink again
            int spread = 64 + (int) (Math.abs(Math.sin(step / 40_000.0)) * 6000);
            int op = random.nextInt(1000);
            if (op < 550) {
                RouteKey key = randomKey(random, spread);
                assertThat(store.add(table(key), key.prefix(), key.prefixLength(), key.pathId())).as("seed %d step %d add %s",
                        seed, step, key).isEqualTo(held.add(key));
                stale.remove(key);
            } else if (op < 990) {
                RouteKey key = randomKey(random, spread);
                assertThat(store.remove(table(key), key.prefix(), key.prefixLength(), key.pathId())).as(
                        "seed %d step %d remove %s", seed, step, key).isEqualTo(held.remove(key));
                stale.remove(key);
            } else if (op < 994) {
                peerDown(random);
            } else if (op < 997) {
                store.markAllStale();
                stale.clear();
                stale.addAll(held);
            } else {
                sweep(random);
            }
            if (step % 2_000 == 0) {
                check(seed, step);
            }
        }
        check(seed, STEPS);
    }

    private void peerDown(Random random) {
        byte[] peer = PEERS[random.nextInt(PEERS.length)];
        long distinguisher = random.nextInt(2);
        Set<RouteKey> expected = new HashSet<>();
        held.removeIf(key -> java.util.Arrays.equals(key.peerAddress(), peer) && key.peerDistinguisher() == distinguisher
                && expected.add(key));
        stale.removeAll(expected);
        Set<RouteKey> taken = new HashSet<>();
        for (TableKeys table : store.tables(PeerRef.of(peer, distinguisher))) {
            taken.addAll(contents(store.takeAll(table), table));
        }
        assertThat(taken).isEqualTo(expected);
    }

    private void sweep(Random random) {
        RouteKey any = randomKey(random, 1);
        TableKeys table = table(any);
        Set<RouteKey> expected = new HashSet<>();
        stale.removeIf(key -> key.table() == any.table() && java.util.Arrays.equals(key.peerAddress(), any.peerAddress())
                && key.peerDistinguisher() == any.peerDistinguisher() && expected.add(key));
        held.removeAll(expected);
        assertThat(new HashSet<>(contents(store.takeStale(table), table))).isEqualTo(expected);
    }

    private void check(long seed, int step) {
        assertThat(store.size()).as("seed %d step %d", seed, step).isEqualTo(held.size());
        assertThat(store.stale()).as("seed %d step %d", seed, step).isEqualTo(stale.size());
        List<RouteKey> keys = store.keys(ROUTER);
        assertThat(keys).as("seed %d step %d", seed, step).hasSize(held.size());
        assertThat(new HashSet<>(keys)).as("seed %d step %d", seed, step).isEqualTo(held);
    }
}
