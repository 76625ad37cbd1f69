package org.bwnetflow.connect.bmp.source.rib;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bwnetflow.connect.bmp.decode.BgpUpdate;
import org.bwnetflow.connect.bmp.decode.PathAttributes;
import org.bwnetflow.connect.bmp.decode.PeerHeader;
import org.bwnetflow.connect.bmp.decode.Prefix;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.junit.jupiter.api.Test;

/**
 * Peers that flap while their tombstones are still being written a few at a time: each key ends
 * with the record its last event asks for, never gets two tombstones without an announcement
 * between them, and the pending count returns to zero. Seeded; the seed is printed (-Dflap.seed=... repeats a run).
 */
class RibKeeperFlapTest {

    private static final long GRACE = 60_000;
    private static final int PREFIXES = 3000;
    private static final PathAttributes ATTRIBUTES = new PathAttributes(0, List.of(), new byte[] {10, 0, 0, 1}, null, -1,
            -1, new long[0], new long[0]);

    private final RecordingWriter writer = new RecordingWriter();
    private final RibCounters counters = new RibCounters();
    private final RibKeeper keeper = new RibKeeper(EnumSet.of(RibTable.ADJ_RIB_IN_PRE_POLICY, RibTable.ADJ_RIB_IN_POST_POLICY),
            GRACE, writer, counters, RouterWatch.NONE);

    private static PeerHeader peer(int peer, RibTable table) {
        return new PeerHeader(0, 0, new byte[] {10, 0, 0, (byte) (peer + 1)}, 65000 + peer, peer + 1, 0, table, false, false);
    }

    private static Prefix prefix(int i) {
        return i % 4 == 0 ? new Prefix(new byte[] {0x20, 1, 0xd, (byte) 0xb8, (byte) (i >>> 8), (byte) i, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0}, 48, 0) : new Prefix(new byte[] {(byte) 100, (byte) (i >>> 8), (byte) i, 0}, 24, i % 3);
    }

    @Test
    void flappingPeersGetOneTombstonePerRouteGone() throws Exception {
        long seed = Long.getLong("flap.seed", System.nanoTime());
        System.out.println("RibKeeperFlapTest seed " + seed);
        Random random = new Random(seed);
        RouterRib rib = keeper.sessionStarted(InetAddress.getByName("192.0.2.1"), 1000);
        for (int round = 0; round < 60; round++) {
            int peer = random.nextInt(2);
            RibTable table = random.nextBoolean() ? RibTable.ADJ_RIB_IN_PRE_POLICY : RibTable.ADJ_RIB_IN_POST_POLICY;
            switch (random.nextInt(4)) {
                case 0 -> keeper.peerDown(rib, peer(peer, table));
                case 1 -> keeper.routes(rib, peer(peer, table), update(random, false), 1000);
                default -> keeper.routes(rib, peer(peer, table), update(random, true), 1000);
            }
            keeper.expire(1000, random.nextInt(300));
        }
        keeper.expire(1000);

        Map<String, String> last = new HashMap<>();
        for (String line : writer.take()) {
            String key = line.substring(2).replaceAll(" [A-Z_]+$", "");
            String previous = last.put(key, line.substring(0, 1));
            assertThat(previous == null && line.startsWith("-") || "-".equals(previous) && line.startsWith("-"))
                    .as("seed %d: %s after %s", seed, line, previous).isFalse();
        }
        long live = last.values().stream().filter("+"::equals).count();
        assertThat(rib.routesHeld()).as("seed %d", seed).isEqualTo(live);
        assertThat(keeper.pendingTombstones()).as("seed %d", seed).isZero();
        keeper.sessionEnded(rib, 2000);
        keeper.expire(2000 + GRACE);
        assertThat(writer.take()).as("seed %d", seed).hasSize((int) live).allMatch(line -> line.endsWith("SESSION_END"));
        assertThat(keeper.routers()).isZero();
    }

    private static BgpUpdate update(Random random, boolean announce) {
        List<Prefix> prefixes = new ArrayList<>();
        int from = random.nextInt(PREFIXES);
        int to = Math.min(PREFIXES, from + random.nextInt(PREFIXES));
        for (int i = from; i < to; i++) {
            prefixes.add(prefix(i));
        }
        return announce ? new BgpUpdate(List.of(), prefixes, ATTRIBUTES, 0) : new BgpUpdate(prefixes, List.of(), ATTRIBUTES, 0);
    }
}
