package org.bwnetflow.connect.enrich.customer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random prefix lists with nesting for the table's tests: many prefixes are drawn inside an
 * earlier one (down to host routes), some are drawn anywhere with any length (down to /0), and
 * host routes are written now with, now without their length.
 */
final class RandomPrefixes {

    /** A listed prefix: its first address (4 or 16 bytes) and length. */
    record Prefix(byte[] network, int length) {

        byte[] first() {
            return network.clone();
        }

        byte[] last() {
            byte[] last = network.clone();
            for (int bit = length; bit < last.length * 8; bit++) {
                last[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
            return last;
        }

        byte[] randomHost(Random random) {
            byte[] host = network.clone();
            for (int bit = length; bit < host.length * 8; bit++) {
                if (random.nextBoolean()) {
                    host[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
            return host;
        }
    }

    private RandomPrefixes() {
    }

    /**
     * Writes {@code count} distinct prefixes ({@code v6Share} of them IPv6) with customers
     * 1-{@code customers} (and now and then 4294967295) to the file and returns them. One in 50 of
     * the prefixes not nested in another gets any length from {@code shortest} bits of the family's
     * width on (0: down to /0, which leaves no address without a customer).
     */
    static List<Prefix> write(Path file, int count, double v6Share, int customers, double shortest, Random random)
            throws IOException {
        List<Prefix> prefixes = new ArrayList<>(count);
        Set<String> seen = new HashSet<>();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (prefixes.size() < count) {
                boolean v6 = random.nextDouble() < v6Share;
                int bits = v6 ? 128 : 32;
                Prefix prefix;
                Prefix parent = prefixes.isEmpty() ? null : prefixes.get(random.nextInt(prefixes.size()));
                if (parent != null && parent.network.length * 8 == bits && parent.length < bits
                        && random.nextInt(3) > 0) {
                    int length = Math.min(bits, parent.length + 1 + random.nextInt(v6 ? 24 : 8));
                    prefix = new Prefix(cleared(parent.randomHost(random), length), length);
                } else {
                    int from = (int) (shortest * bits);
                    int length = random.nextInt(50) == 0 ? from + random.nextInt(bits + 1 - from)
                            : bits / 4 + random.nextInt(bits / 2);
                    byte[] network = new byte[bits / 8];
                    random.nextBytes(network);
                    prefix = new Prefix(cleared(network, length), length);
                }
                String text = text(prefix.network) + (prefix.length < bits || random.nextBoolean() ? "/" + prefix.length : "");
                if (seen.add(text(prefix.network) + "/" + prefix.length)) {
                    prefixes.add(prefix);
                    long cid = random.nextInt(100) == 0 ? 0xFFFF_FFFFL : 1 + random.nextInt(customers);
                    out.write(text + "," + cid + "\n");
                }
            }
        }
        return prefixes;
    }

    static byte[] cleared(byte[] address, int length) {
        for (int bit = length; bit < address.length * 8; bit++) {
            address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return address;
    }

    /** Dotted quad or eight full hex groups (no '::', no IPv4-mapped form). */
    static String text(byte[] address) {
        StringBuilder text = new StringBuilder();
        if (address.length == 4) {
            for (int i = 0; i < 4; i++) {
                text.append(i == 0 ? "" : ".").append(address[i] & 0xFF);
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                text.append(i == 0 ? "" : ":").append(Integer.toHexString((address[i] & 0xFF) << 8 | address[i + 1] & 0xFF));
            }
        }
        return text.toString();
    }

    /** The address plus {@code delta} (+1 or -1), or null past either end of the family. */
    static byte[] step(byte[] address, int delta) {
        byte[] result = address.clone();
        for (int i = result.length - 1; i >= 0; i--) {
            int value = (result[i] & 0xFF) + delta;
            result[i] = (byte) value;
            if (value >= 0 && value <= 255) {
                return result;
            }
        }
        return null; // carried out of the top byte
    }
}
