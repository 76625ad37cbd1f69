package org.bwnetflow.connect.enrich.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.bwnetflow.connect.enrich.customer.RandomPrefixes.Prefix;
import org.bwnetflow.connect.enrich.testing.ReferencePrefixTrie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact table answers exactly what IPAddress's trie answers: on random addresses, random
 * hosts of listed prefixes, and every prefix boundary, for random lists with nesting; and it
 * rejects broken lists with the message of the trie's one-by-one load.
 */
class PrefixTableEquivalenceTest {

    private static final long SEED = 0x5EED_2024L;

    @TempDir
    Path tmp;

    @Test
    void answersAsTheTrieOnRandomAddressesAndEveryBoundary() throws IOException, PrefixListException {
        System.out.printf("PrefixTableEquivalenceTest seed %d%n", SEED);
        Random random = new Random(SEED);
        // lists: IPv4 only, IPv6 only, a mix with /0s (every address has a customer), and a mix
        // of few customers (long merged ranges)
        double[] v6Shares = {0, 1, 0.3, 0.5};
        int[] customers = {1000, 1000, 50_000, 3};
        double[] shortest = {0.1, 0.1, 0, 0.1};
        long compared = 0;
        long matched = 0;
        for (int set = 0; set < v6Shares.length; set++) {
            Path file = tmp.resolve("set" + set + ".csv");
            List<Prefix> prefixes = RandomPrefixes.write(file, 15_000, v6Shares[set], customers[set],
                    shortest[set], random);
            PrefixTable table = PrefixTable.load(file);
            ReferencePrefixTrie trie = ReferencePrefixTrie.load(file);
            assertThat(table.size()).isEqualTo(prefixes.size());
            for (Prefix prefix : prefixes) {
                byte[] first = prefix.first();
                byte[] last = prefix.last();
                for (byte[] address : new byte[][] {first, last, RandomPrefixes.step(first, -1),
                        RandomPrefixes.step(last, 1)}) {
                    if (address != null) {
                        matched += assertSame(table, trie, address, "boundary of " + prefix.length() + "-bit "
                                + RandomPrefixes.text(prefix.network()));
                        compared++;
                    }
                }
            }
            for (int i = 0; i < 500_000; i++) {
                byte[] address;
                if (random.nextBoolean()) {
                    address = prefixes.get(random.nextInt(prefixes.size())).randomHost(random);
                } else {
                    address = new byte[random.nextDouble() < v6Shares[set] ? 16 : 4];
                    random.nextBytes(address);
                }
                matched += assertSame(table, trie, address, "random address");
                compared++;
            }
        }
        System.out.printf("compared %,d lookups, %,d with a customer%n", compared, matched);
        assertThat(matched).as("many lookups fall into a prefix, many do not").isGreaterThan(compared / 3)
                .isLessThan(compared * 9 / 10);
    }

    private static int assertSame(PrefixTable table, ReferencePrefixTrie trie, byte[] address, String what) {
        long expected = trie.lookup(address);
        long actual = table.lookup(address);
        if (actual != expected) { // assertThat per lookup would cost more than the lookups
            assertThat(actual).as("%s %s", what, RandomPrefixes.text(address)).isEqualTo(expected);
        }
        return expected != 0 ? 1 : 0;
    }

    @Test
    void edgesOfTheAddressSpaces() throws IOException, PrefixListException {
        Path file = tmp.resolve("edges.csv");
        Files.writeString(file, """
                0.0.0.0/0,1
                0.0.0.0/1,2
                0.0.0.0,3
                255.255.255.255/32,4
                128.0.0.0/1,5
                ::/0,6
                ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,7
                8000::/1,7
                ::,8
                ::ffff:0:0/96,9
                fe80::1%eth0,10
                """);
        PrefixTable table = PrefixTable.load(file);
        ReferencePrefixTrie trie = ReferencePrefixTrie.load(file);
        byte[][] addresses = {new byte[4], {0, 0, 0, 1}, {127, -1, -1, -1}, {-128, 0, 0, 0}, {-1, -1, -1, -2},
            {-1, -1, -1, -1}, new byte[16], RandomPrefixes.step(new byte[16], 1), v6("7fff", -1), v6("8000", 0),
            v6("ffff", -1), v6("ffff", -2), v6("fe80", 0), RandomPrefixes.step(v6("fe80", 0), 1)};
        for (byte[] address : addresses) {
            assertThat(table.lookup(address)).as(RandomPrefixes.text(address)).isEqualTo(trie.lookup(address));
        }
        assertThat(table.lookup(new byte[] {-1, -1, -1, -1})).isEqualTo(4);
        assertThat(table.lookup(v6("ffff", -1))).isEqualTo(7);
        assertThat(table.lookup(RandomPrefixes.step(v6("fe80", 0), 1))).as("the zone is not part of the key")
                .isEqualTo(10);
    }

    /** The group as the first two bytes, the other bytes all {@code fill} (-1 or 0) or, for -2, all ones but the last bit. */
    private static byte[] v6(String group, int fill) {
        byte[] address = new byte[16];
        int value = Integer.parseInt(group, 16);
        address[0] = (byte) (value >>> 8);
        address[1] = (byte) value;
        for (int i = 2; i < 16; i++) {
            address[i] = (byte) (fill == 0 ? 0 : -1);
        }
        if (fill == -2) {
            address[15] = -2;
        }
        return address;
    }

    @Test
    void rejectsBrokenListsAsTheTrieDid() throws IOException {
        String[] lists = {
            "10.0.0.0/8,1\n10.1.0.0/16,2\n10.0.0.0/8,3\n",
            "10.0.0.1/32,1\n10.0.0.1,2\n",
            "fe80::1%eth0,1\nfe80::1,2\n",
            "10.0.0.0/8,1\n10.0.0.0/8,2\nnot a prefix,3\n",
            "10.0.0.0/8,1\nnot a prefix,3\n10.0.0.0/8,2\n",
            "10.0.0.0/8,1\n2001:db8::/32,2\n2001:db8::/32,3\n10.0.0.0/8,4\n",
            "2001:db8::/32,1\n10.0.0.0/8,2\n10.0.0.0/8,3\n2001:db8::/32,4\n",
            "10.0.0.0/8,1\n10.0.0.0/8,0\n",
            "10.0.0.0/8,1\n10.0.0.0/8,2,3\n",
            "10.0.0.0/8,1\n10.0.0.1/8,2\n",
            "10.0.0.0/8,1\n10.0.0.0/8,2\n10.0.0.0/8,3\n",
            "1.2.3.*,1\n",
            "1.2.3.0/24,1\n1.2.3.0/255.255.255.0,2\n",
        };
        for (String list : lists) {
            Path file = tmp.resolve("broken.csv");
            Files.writeString(file, list);
            Throwable expected = catchThrowable(() -> ReferencePrefixTrie.load(file));
            Throwable actual = catchThrowable(() -> PrefixTable.load(file));
            assertThat(expected).as(list).isInstanceOf(PrefixListException.class);
            assertThat(actual).as(list).isInstanceOf(PrefixListException.class).hasMessage(expected.getMessage());
        }
        Path file = tmp.resolve("not-utf8.csv");
        Files.write(file, new byte[] {'1', '.', '0', '.', '0', '.', '0', ',', '1', '\n', '1', '.', '0', '.', '0', '.', '0',
            ',', '2', '\n', (byte) 0xFF, '\n'});
        Throwable expected = catchThrowable(() -> ReferencePrefixTrie.load(file));
        assertThat(catchThrowable(() -> PrefixTable.load(file))).hasMessage(expected.getMessage());
    }

    @Test
    void anEmptyListHasNoCustomers() throws IOException, PrefixListException {
        Path file = tmp.resolve("empty.csv");
        Files.writeString(file, "# nothing yet\n");
        PrefixTable table = PrefixTable.load(file);
        assertThat(table.size()).isZero();
        assertThat(table.lookup(new byte[] {10, 0, 0, 1})).isZero();
        assertThat(table.lookup(new byte[16])).isZero();
    }
}
