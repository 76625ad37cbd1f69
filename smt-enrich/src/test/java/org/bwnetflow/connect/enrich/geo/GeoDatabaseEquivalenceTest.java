package org.bwnetflow.connect.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.enrich.testing.TestFiles.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * GeoDatabase (the database compiled into a range table from our small records) gives the answers
 * geoip2's full responses gave: for the first, the last and a random address of every network in
 * the JSON sources of MaxMind's test databases, the addresses on both sides of each, and random
 * addresses (seed printed), among them IPv4 addresses written as IPv6 in the forms the tree
 * aliases or Java reads as IPv4 (::ffff:a.b.c.d, ::a.b.c.d, 6to4, Teredo).
 */
class GeoDatabaseEquivalenceTest {

    private static final long SEED = 20_261_207L;
    private static final int RANDOM_ADDRESSES = 200_000;

    @ParameterizedTest
    @CsvSource({
        "GeoIP2-City-Test.mmdb, GeoIP2-City-Test.json, COUNTRY",
        "GeoLite2-City-Test.mmdb, GeoIP2-City-Test.json, COUNTRY",
        "GeoLite2-Country-Test.mmdb, GeoLite2-Country-Test.json, COUNTRY",
        "GeoLite2-ASN-Test.mmdb, GeoLite2-ASN-Test.json, ASN"})
    void answersAsGeoip2DidOnEveryNetworkAndOnRandomAddresses(String database, String source, GeoDatabase.Kind kind)
            throws Exception {
        Path file = testdata("geoip/" + database);
        List<IPAddress> networks = networks(testdata("geoip/" + source));
        System.out.println("GeoDatabaseEquivalenceTest " + database + ": " + networks.size() + " networks, seed " + SEED);
        List<byte[]> addresses = addresses(networks);
        GeoDatabase ours = GeoDatabase.open(file, kind);
        int located = 0;
        try (Geoip2Reference reference = new Geoip2Reference(file)) {
            for (byte[] address : addresses) {
                String where = InetAddress.getByAddress(address).getHostAddress();
                if (kind == GeoDatabase.Kind.COUNTRY) {
                    String expected = reference.country(address);
                    assertThat(ours.country(address)).as(where).isEqualTo(expected);
                    located += expected == null ? 0 : 1;
                } else {
                    long expected = reference.asn(address);
                    assertThat(ours.asn(address)).as(where).isEqualTo(expected);
                    located += expected == 0 ? 0 : 1;
                }
            }
        }
        System.out.println("  " + addresses.size() + " addresses compared, " + located + " with an answer");
        assertThat(located).as("addresses with an answer").isGreaterThan(networks.size());
    }

    /**
     * The one difference, by design: a record whose unread keys are corrupt (this test database's
     * location has a broken double) fails every geoip2 lookup, while our record, which skips the
     * location, still gives the country.
     */
    @Test
    void aCorruptKeyWeDoNotReadNoLongerFailsTheLookup() throws Exception {
        Path file = testdata("geoip/GeoIP2-City-Test-Broken-Double-Format.mmdb");
        byte[] address = {2, 125, (byte) 160, (byte) 216};
        try (Geoip2Reference reference = new Geoip2Reference(file)) {
            assertThatThrownBy(() -> reference.country(address)).hasMessageContaining("double");
        }
        assertThat(GeoDatabase.open(file, GeoDatabase.Kind.COUNTRY).country(address)).isEqualTo("GB");
    }

    private static List<IPAddress> networks(Path json) throws Exception {
        List<IPAddress> networks = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper().readTree(json.toFile())) {
            for (Iterator<String> names = entry.fieldNames(); names.hasNext();) {
                networks.add(new IPAddressString(names.next()).getAddress());
            }
        }
        return networks;
    }

    /** Per network its first, last and a random address, the addresses just outside it, then random addresses. */
    private static List<byte[]> addresses(List<IPAddress> networks) {
        Random random = new Random(SEED);
        List<byte[]> addresses = new ArrayList<>();
        for (IPAddress network : networks) {
            addresses.add(network.getLower().getBytes());
            addresses.add(network.getUpper().getBytes());
            addresses.add(hostIn(network, random));
            for (IPAddress outside : new IPAddress[] {network.getLower().withoutPrefixLength().increment(-1),
                network.getUpper().withoutPrefixLength().increment(1)}) {
                if (outside != null) { // null: beyond the first or the last address
                    addresses.add(outside.getBytes());
                }
            }
            if (network.isIPv4()) {
                addresses.add(asIpv6(network.getLower().getBytes(), random));
            }
        }
        for (int i = 0; i < RANDOM_ADDRESSES; i++) {
            byte[] address = new byte[random.nextInt(4) == 0 ? 16 : 4];
            random.nextBytes(address);
            if (address.length == 16 && random.nextBoolean()) {
                address[0] = 0x20; // mostly 2000::/8, where the test databases have their IPv6 networks
            }
            addresses.add(address.length == 4 && random.nextInt(4) == 0 ? asIpv6(address, random) : address);
        }
        return addresses;
    }

    /** An IPv4 address in one of the IPv6 forms that reach the tree's IPv4 part (or that Java reads as IPv4). */
    private static byte[] asIpv6(byte[] ipv4, Random random) {
        byte[] address = new byte[16];
        switch (random.nextInt(4)) {
            case 0 -> { // ::ffff:a.b.c.d
                address[10] = (byte) 0xFF;
                address[11] = (byte) 0xFF;
                System.arraycopy(ipv4, 0, address, 12, 4);
            }
            case 1 -> System.arraycopy(ipv4, 0, address, 12, 4); // ::a.b.c.d
            case 2 -> { // 6to4: 2002:a.b.c.d::/48
                address[0] = 0x20;
                address[1] = 0x02;
                System.arraycopy(ipv4, 0, address, 2, 4);
            }
            default -> { // Teredo: 2001:0:a.b.c.d::/64 (the server's address)
                address[0] = 0x20;
                address[1] = 0x01;
                System.arraycopy(ipv4, 0, address, 4, 4);
            }
        }
        return address;
    }

    private static byte[] hostIn(IPAddress network, Random random) {
        byte[] address = network.getLower().getBytes();
        for (int bit = network.getNetworkPrefixLength(); bit < address.length * 8; bit++) {
            if (random.nextBoolean()) {
                address[bit / 8] |= (byte) (0x80 >>> (bit % 8));
            }
        }
        return address;
    }
}
