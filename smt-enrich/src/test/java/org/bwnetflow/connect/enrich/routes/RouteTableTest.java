package org.bwnetflow.connect.enrich.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.bwnetflow.connect.enrich.ranges.PrefixRanges;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final AttributeSets sets = new AttributeSets();

    private static RouteAttributes path(long... asns) {
        return new RouteAttributes(asns, new long[0], new long[0], new byte[] {10, 0, 0, 1});
    }

    private static byte[] v4(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    private RouteAttributes lookup(RouteTable table, byte[] address) {
        return sets.view().get(table.snapshot().lookup(address));
    }

    @Test
    void aMoreSpecificPrefixWithAnotherPathWinsInsideItAndOnlyThere() {
        RouteTable table = new RouteTable(sets, 16);
        table.announce(v4(198, 51, 0, 0), 16, 0, path(65001, 65100));
        table.announce(v4(198, 51, 100, 0), 24, 0, path(65002, 65200));
        assertThat(lookup(table, v4(198, 51, 100, 7)).originAs()).isEqualTo(65200);
        int id = table.snapshot().lookup(v4(198, 51, 100, 7));
        assertThat(sets.view().originAs(id)).isEqualTo(65200);
        assertThat(sets.view().neighbourAs(id)).isEqualTo(65002);
        assertThat(sets.view().originAs(0)).isZero();
        assertThat(lookup(table, v4(198, 51, 101, 7)).originAs()).isEqualTo(65100);
        assertThat(lookup(table, v4(198, 52, 0, 1))).isNull();

        table.withdraw(v4(198, 51, 100, 0), 24, 0);
        assertThat(lookup(table, v4(198, 51, 100, 7)).originAs()).isEqualTo(65100);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void ofSeveralEquallyPreferredPathsTheLowestPathIdEnrichesUntilItIsWithdrawn() {
        RouteTable table = new RouteTable(sets, 16);
        table.announce(v4(203, 0, 113, 0), 24, 2, path(65002));
        table.announce(v4(203, 0, 113, 0), 24, 1, path(65001));
        assertThat(lookup(table, v4(203, 0, 113, 9)).neighbourAs()).isEqualTo(65001);
        table.withdraw(v4(203, 0, 113, 0), 24, 1);
        assertThat(lookup(table, v4(203, 0, 113, 9)).neighbourAs()).isEqualTo(65002);
    }

    @Test
    void ofSeveralPeersRoutesTheRouterWouldPreferEnrich() {
        RouteTable table = new RouteTable(sets, 16);
        byte[] prefix = v4(192, 0, 2, 0);
        table.announce(prefix, 24, 0, 0, new RouteAttributes(new long[] {65001, 65010, 65020}, new long[0], new long[0],
                new byte[4], -1, 0));
        table.announce(prefix, 24, 1, 0, path(65002, 65020));
        assertThat(lookup(table, v4(192, 0, 2, 1)).neighbourAs()).as("shorter AS path").isEqualTo(65002);
        table.announce(prefix, 24, 2, 0, new RouteAttributes(new long[] {65003, 65030, 65040, 65020}, new long[0], new long[0],
                new byte[4], 200, 0));
        assertThat(lookup(table, v4(192, 0, 2, 1)).neighbourAs()).as("higher LOCAL_PREF first").isEqualTo(65003);
        table.withdraw(prefix, 24, 2, 0);
        table.withdraw(prefix, 24, 1, 0);
        assertThat(lookup(table, v4(192, 0, 2, 1)).neighbourAs()).as("the last route left").isEqualTo(65001);
        assertThat(table.size()).isEqualTo(1);
    }

    @Test
    void routesWithEqualAttributesShareOneSetWhichGoesWithTheLastOfThem() {
        RouteTable table = new RouteTable(sets, 16);
        for (int i = 0; i < 1000; i++) {
            table.announce(v4(10, i >> 8, i & 0xFF, 0), 24, 0, path(65001, 65002));
        }
        assertThat(sets.size()).isEqualTo(1);
        table.announce(v4(10, 0, 0, 0), 24, 0, path(65003)); // replaces one route's attributes
        assertThat(sets.size()).isEqualTo(2);
        for (int i = 0; i < 1000; i++) {
            table.withdraw(v4(10, i >> 8, i & 0xFF, 0), 24, 0);
        }
        assertThat(sets.size()).isZero();
        assertThat(table.size()).isZero();
    }

    /** Random announcements and withdrawals (IPv4 and IPv6, nested, several paths) against a plain map and a linear search. */
    @Test
    void answersWhatALinearLongestMatchOverTheSameRoutesAnswers() {
        long seed = 20_261_207L;
        Random random = new Random(seed);
        RouteTable table = new RouteTable(sets, 16); // grows many times
        Map<String, long[]> reference = new HashMap<>(); // "family/prefix/length/path" -> {prefix high, low, origin AS}
        for (int op = 0; op < 40_000; op++) {
            boolean ipv6 = random.nextInt(5) == 0;
            int length = ipv6 ? 16 + random.nextInt(33) : 8 + random.nextInt(17);
            byte[] prefix = randomPrefix(random, ipv6, length);
            long pathId = random.nextInt(3);
            String key = (ipv6 ? "6/" : "4/") + java.util.Arrays.toString(prefix) + "/" + length + "/" + pathId;
            if (random.nextInt(3) == 0 && !reference.isEmpty()) {
                table.withdraw(prefix, length, pathId);
                reference.remove(key);
            } else {
                long origin = 64_512 + random.nextInt(1000);
                table.announce(prefix, length, pathId, path(65000, origin));
                reference.put(key, new long[] {origin});
            }
        }
        assertThat(table.size()).as("seed %d", seed).isEqualTo(reference.size());
        PrefixRanges snapshot = table.snapshot();
        java.util.List<Route> routes = reference.entrySet().stream().map(Route::of).toList();
        for (int probe = 0; probe < 10_000; probe++) {
            boolean ipv6 = random.nextInt(5) == 0;
            byte[] address = randomPrefix(random, ipv6, ipv6 ? 128 : 32);
            RouteAttributes found = sets.view().get(snapshot.lookup(address));
            assertThat(found == null ? 0 : found.originAs()).as("seed %d, %s", seed, java.util.Arrays.toString(address))
                    .isEqualTo(linearLookup(routes, address));
        }
    }

    /** Addresses come from a small space, so that prefixes nest and probes hit them. */
    private static byte[] randomPrefix(Random random, boolean ipv6, int length) {
        byte[] b = new byte[ipv6 ? 16 : 4];
        b[0] = (byte) (ipv6 ? 0x20 : 10);
        b[1] = (byte) random.nextInt(4);
        for (int i = 2; i < b.length; i++) {
            b[i] = (byte) random.nextInt(256);
        }
        for (int bit = length; bit < b.length * 8; bit++) {
            b[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return b;
    }

    /** A reference route, parsed once from its key. */
    private record Route(byte[] prefix, int length, long path, long origin) {
        static Route of(Map.Entry<String, long[]> entry) {
            String[] parts = entry.getKey().split("/");
            String[] values = parts[1].substring(1, parts[1].length() - 1).split(", ");
            byte[] prefix = new byte[values.length];
            for (int i = 0; i < values.length; i++) {
                prefix[i] = Byte.parseByte(values[i]);
            }
            return new Route(prefix, Integer.parseInt(parts[2]), Long.parseLong(parts[3]), entry.getValue()[0]);
        }

        boolean holds(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < length; bit++) {
                if ((prefix[bit / 8] >> (7 - bit % 8) & 1) != (address[bit / 8] >> (7 - bit % 8) & 1)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The longest prefix holding the address, of its paths the lowest path id: its origin AS, or 0. */
    private static long linearLookup(java.util.List<Route> routes, byte[] address) {
        Route best = null;
        for (Route route : routes) {
            if (route.holds(address) && (best == null || route.length > best.length
                    || route.length == best.length && route.path < best.path)) {
                best = route;
            }
        }
        return best == null ? 0 : best.origin;
    }
}
