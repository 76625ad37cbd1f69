package org.bwnetflow.connect.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.enrich.testing.TestFiles.testdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GeoDatabase accepts and refuses the same database types as when it read through geoip2 (which
 * knew types by case-sensitive names): a test database with its metadata's database_type
 * replaced by another of the same length is opened both ways.
 */
class DatabaseTypeTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({
        "GeoIP2-City-Test.mmdb, GeoIP2-City, COUNTRY",
        "GeoIP2-City-Test.mmdb, geoip2-city, COUNTRY",
        "GeoIP2-City-Test.mmdb, Country-DB1, COUNTRY",
        "GeoIP2-City-Test.mmdb, country-db1, COUNTRY",
        "GeoIP2-City-Test.mmdb, Enterprise1, COUNTRY",
        "GeoIP2-City-Test.mmdb, Countrycity, COUNTRY",
        "GeoIP2-City-Test.mmdb, CountryCity, COUNTRY",
        "GeoIP2-City-Test.mmdb, Domain-DB-1, COUNTRY",
        "GeoLite2-ASN-Test.mmdb, GeoLite2-ASN, ASN",
        "GeoLite2-ASN-Test.mmdb, geolite2-asn, ASN",
        "GeoLite2-ASN-Test.mmdb, GeoIP2-ISP-1, ASN",
        "GeoLite2-ASN-Test.mmdb, DBIP-ASN-Lit, ASN",
        "GeoLite2-ASN-Test.mmdb, Acme-ISP-Tst, ASN",
        "GeoLite2-ASN-Test.mmdb, GeoIP2-City1, ASN"})
    void theSameTypesAreAcceptedAsWithGeoip2(String database, String type, GeoDatabase.Kind kind) throws Exception {
        Path file = withType(testdata("geoip/" + database), type);
        boolean before = Geoip2Reference.opened(file, kind);
        boolean now;
        try {
            now = GeoDatabase.open(file, kind).type().equals(type);
        } catch (IOException e) {
            now = false;
        }
        assertThat(now).as(type + " for " + kind + " (geoip2 " + (before ? "opened" : "refused") + " it)")
                .isEqualTo(before);
    }

    /** A copy of the database whose metadata names another type (of the same length, so the format stays valid). */
    private Path withType(Path database, String type) throws IOException {
        byte[] bytes = Files.readAllBytes(database);
        byte[] marker = "\u00ab\u00cd\u00efMaxMind.com".getBytes(StandardCharsets.ISO_8859_1);
        int metadata = lastIndexOf(bytes, marker, bytes.length);
        byte[] key = utf8("database_type");
        int at = lastIndexOf(bytes, key, bytes.length);
        assertThat(at).as("database_type key in the metadata").isGreaterThan(metadata);
        int value = at + key.length;
        int length = bytes[value] & 0x1f;
        assertThat(bytes[value] & 0xe0).as("a short UTF-8 string follows").isEqualTo(0x40);
        assertThat(type.length()).as("the new type's length").isEqualTo(length);
        System.arraycopy(type.getBytes(StandardCharsets.US_ASCII), 0, bytes, value + 1, length);
        Path copy = tmp.resolve(type + ".mmdb");
        Files.write(copy, bytes);
        return copy;
    }

    private static byte[] utf8(String key) {
        byte[] text = key.getBytes(StandardCharsets.US_ASCII);
        byte[] encoded = new byte[text.length + 1];
        encoded[0] = (byte) (0x40 | text.length);
        System.arraycopy(text, 0, encoded, 1, text.length);
        return encoded;
    }

    private static int lastIndexOf(byte[] bytes, byte[] pattern, int before) {
        for (int i = before - pattern.length; i >= 0; i--) {
            int j = 0;
            while (j < pattern.length && bytes[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                return i;
            }
        }
        return -1;
    }
}
