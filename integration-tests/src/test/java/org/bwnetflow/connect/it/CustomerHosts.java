package org.bwnetflow.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Random hosts of a customer, from the prefixes of a CustomerId list (the shipped one: the DDoS sink's guard reads
 * the same): a host is drawn in one of the customer's prefixes and kept only if the list's longest match is that
 * customer (a more specific prefix of another customer inside it does not count).
 */
final class CustomerHosts {

    private final Map<String, Long> owners = new HashMap<>();
    private final Map<Long, List<String>> prefixes = new HashMap<>();

    private CustomerHosts(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String entry = line.replaceAll("#.*", "").trim();
            if (!entry.isEmpty()) {
                String[] fields = entry.split(",");
                long cid = Long.parseLong(fields[1].trim());
                owners.put(fields[0].trim(), cid);
                prefixes.computeIfAbsent(cid, c -> new ArrayList<>()).add(fields[0].trim());
            }
        }
    }

    /** The shipped connect-configs/enrichment/demo-prefixes.csv. */
    static CustomerHosts shipped() {
        try {
            return new CustomerHosts(ShippedConnector.repositoryRoot().resolve("connect-configs/enrichment/demo-prefixes.csv"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A random address (IPv6 if asked and the customer has an IPv6 prefix) the list gives to {@code cid}. */
    byte[] randomHost(long cid, SplittableRandom random, boolean ipv6) {
        List<String> own = prefixes.get(cid).stream().filter(p -> p.contains(":") == ipv6).toList();
        if (own.isEmpty()) {
            own = prefixes.get(cid);
        }
        while (true) {
            String[] prefix = own.get(random.nextInt(own.size())).split("/");
            byte[] address = parse(prefix[0]);
            int length = Integer.parseInt(prefix[1]);
            for (int bit = length; bit < address.length * 8; bit++) {
                if (random.nextBoolean()) {
                    address[bit / 8] |= (byte) (0x80 >>> (bit % 8));
                }
            }
            if (owner(address) == cid) {
                return address;
            }
        }
    }

    /** The customer of the longest prefix holding the address, as CustomerId decides; 0 for none. */
    private long owner(byte[] address) {
        long owner = 0;
        int longest = -1;
        for (Map.Entry<String, Long> entry : owners.entrySet()) {
            String[] prefix = entry.getKey().split("/");
            int length = Integer.parseInt(prefix[1]);
            if (length > longest && holds(parse(prefix[0]), length, address)) {
                owner = entry.getValue();
                longest = length;
            }
        }
        return owner;
    }

    private static boolean holds(byte[] network, int length, byte[] address) {
        if (network.length != address.length) {
            return false;
        }
        for (int bit = 0; bit < length; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((network[bit / 8] & mask) != (address[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] parse(String address) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }
}
