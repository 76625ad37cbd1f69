package org.bwnetflow.connect.benchmarks.enrich;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic customer prefix list of any size, shaped like an ISP's: 80% IPv4 (mostly /24,
 * lengths /16 to /32), 20% IPv6 (/32 to /64 inside 2000::/3), customer ids 1-50,000.
 */
public final class SyntheticPrefixList {

    /** One listed prefix: its first address and length. */
    public record Prefix(byte[] network, int length) {
        /** A random address inside the prefix. */
        public byte[] randomHost(Random random) {
            byte[] address = network.clone();
            for (int bit = length; bit < address.length * 8; bit++) {
                if (random.nextBoolean()) {
                    address[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
            return address;
        }
    }

    private static final int[] V4_LENGTHS = {16, 20, 22, 23, 24, 24, 24, 24, 28, 32};
    private static final int[] V6_LENGTHS = {32, 40, 48, 48, 56, 64};

    private SyntheticPrefixList() {
    }

    /** Writes {@code count} distinct prefixes to {@code file} and returns them. */
    public static List<Prefix> write(Path file, int count, long seed) throws IOException {
        Random random = new Random(seed);
        Set<String> seen = new HashSet<>();
        List<Prefix> prefixes = new ArrayList<>(count);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("# synthetic customer prefixes, seed " + seed + "\n");
            while (prefixes.size() < count) {
                boolean v6 = random.nextInt(5) == 0;
                int length = v6 ? V6_LENGTHS[random.nextInt(V6_LENGTHS.length)]
                        : V4_LENGTHS[random.nextInt(V4_LENGTHS.length)];
                byte[] network = new byte[v6 ? 16 : 4];
                random.nextBytes(network);
                if (v6) {
                    network[0] = (byte) (0x20 | network[0] & 0x1F); // 2000::/3
                }
                clearHostBits(network, length);
                String text = InetAddress.getByAddress(network).getHostAddress() + "/" + length;
                if (seen.add(text)) {
                    prefixes.add(new Prefix(network, length));
                    out.write(text + "," + (1 + random.nextInt(50_000)) + "\n");
                }
            }
        }
        return prefixes;
    }

    private static void clearHostBits(byte[] address, int length) {
        for (int bit = length; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
    }
}
