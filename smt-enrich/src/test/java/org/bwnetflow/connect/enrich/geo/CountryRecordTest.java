package org.bwnetflow.connect.enrich.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.enrich.testing.TestFiles.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.maxmind.db.Reader;
import inet.ipaddr.IPAddressString;
import java.io.File;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CountryRecord reads the keys it names from real records, and falls back to the registered
 * country as geoip2's callers did. (MaxMind's test databases have no record with a registered
 * country but no country, so the fallback is checked on records made here.)
 */
class CountryRecordTest {

    @Test
    void bothCodesOfEveryRecordOfTheCityTestDatabaseAreRead() throws Exception {
        File file = testdata("geoip/GeoIP2-City-Test.mmdb").toFile();
        JsonNode source = new ObjectMapper().readTree(testdata("geoip/GeoIP2-City-Test.json").toFile());
        int registered = 0;
        try (Reader reader = new Reader(file)) {
            for (JsonNode entry : source) {
                Map.Entry<String, JsonNode> network = entry.fields().next();
                InetAddress first = InetAddress.getByAddress(
                        new IPAddressString(network.getKey()).getAddress().getLower().getBytes());
                CountryRecord record = reader.get(first, CountryRecord.class);
                assertThat(record.countryCode()).as(network.getKey())
                        .isEqualTo(network.getValue().path("country").path("iso_code").textValue());
                String expected = network.getValue().path("registered_country").path("iso_code").textValue();
                assertThat(record.registeredCountryCode()).as(network.getKey()).isEqualTo(expected);
                registered += expected == null ? 0 : 1;
            }
        }
        assertThat(registered).as("records with a registered country").isGreaterThan(100);
    }

    @Test
    void theRegisteredCountryAnswersWhenTheRecordHasNoCountry() {
        CountryRecord.IsoCode de = new CountryRecord.IsoCode("DE");
        assertThat(new CountryRecord(new CountryRecord.IsoCode("AT"), de).isoCode()).isEqualTo("AT");
        assertThat(new CountryRecord(null, de).isoCode()).isEqualTo("DE");
        assertThat(new CountryRecord(new CountryRecord.IsoCode(null), de).isoCode()).isEqualTo("DE");
        assertThat(new CountryRecord(null, null).isoCode()).isNull();
    }
}
