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
 * GeoDatabase (MaxMind's reader decoding into our small records) gives the answers geoip2's full
 * responses gave: for the first, the last and a random address of every network in the JSON
 * sources of MaxMind's test databases, and for random addresses (seed printed).
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
        Random random = new Random(SEED);
        List<byte[]> addresses = new ArrayList<>();
        for (IPAddress network : networks) {
            addresses.add(network.getLower().getBytes());
            addresses.add(network.getUpper().getBytes());
            addresses.add(hostIn(network, random));
        }
        for (int i = 0; i < RANDOM_ADDRESSES; i++) {
            byte[] address = new byte[random.nextInt(4) == 0 ? 16 : 4];
            random.nextBytes(address);
            if (address.length == 16 && random.nextBoolean()) {
                address[0] = 0x20; // mostly 2000::/8, where the test databases have their IPv6 networks
            }
            addresses.add(address);
        }
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
