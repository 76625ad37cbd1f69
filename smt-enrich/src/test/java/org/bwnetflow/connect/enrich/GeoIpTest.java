package org.bwnetflow.connect.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bwnetflow.connect.enrich.testing.TestFiles.testdata;
import static org.bwnetflow.connect.model.testing.TestFlows.flow;
import static org.bwnetflow.connect.model.testing.TestFlows.record;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.REMOTE_ADDR;
import static org.bwnetflow.connect.model.FlowField.REMOTE_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_COUNTRY;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.enrich.testing.TestFiles;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected values come from testdata/geoip/*.json, the sources of MaxMind's test databases. */
class GeoIpTest {

    private static final Path CITY = testdata("geoip/GeoIP2-City-Test.mmdb");
    private static final Path COUNTRY = testdata("geoip/GeoLite2-Country-Test.mmdb");
    private static final Path ASN = testdata("geoip/GeoLite2-ASN-Test.mmdb");

    @TempDir
    Path tmp;
    private GeoIp<SourceRecord> transform;

    @AfterEach
    void close() {
        if (transform != null) {
            transform.close();
        }
    }

    private GeoIp<SourceRecord> geoIp(Path database, Path asn) {
        Map<String, String> config = new HashMap<>(Map.of(GeoIp.DATABASE_FILE, database.toString(),
                GeoIp.RELOAD_INTERVAL_MS, "0"));
        if (asn != null) {
            config.put(GeoIp.ASN_DATABASE_FILE, asn.toString());
        }
        transform = new GeoIp<>();
        transform.configure(config);
        return transform;
    }

    private static Struct located(GeoIp<SourceRecord> transform, String src, String dst, int remote) {
        Struct flow = TestFlows.with(flow(src, dst), REMOTE_ADDR, 0);
        Flows.setEnum(flow, REMOTE_ADDR, remote);
        transform.apply(record(flow));
        return flow;
    }

    @Test
    void aCityDatabaseGivesBothCountriesAndTheRemoteOne() {
        GeoIp<SourceRecord> transform = geoIp(CITY, null);
        Struct ingress = located(transform, "81.2.69.142", "216.160.83.56", 1);
        assertThat(Flows.text(ingress, SRC_COUNTRY)).isEqualTo("GB");
        assertThat(Flows.text(ingress, DST_COUNTRY)).isEqualTo("US");
        assertThat(Flows.text(ingress, REMOTE_COUNTRY)).isEqualTo("GB");
        Struct egress = located(transform, "89.160.20.112", "2001:218::1", 2);
        assertThat(Flows.text(egress, SRC_COUNTRY)).isEqualTo("SE");
        assertThat(Flows.text(egress, REMOTE_COUNTRY)).isEqualTo("JP");
        Struct neither = located(transform, "10.0.0.1", "175.16.199.1", 0);
        assertThat(Flows.text(neither, SRC_COUNTRY)).isEmpty();
        assertThat(Flows.text(neither, DST_COUNTRY)).isEqualTo("CN");
        assertThat(Flows.text(neither, REMOTE_COUNTRY)).isEmpty();
        assertThat(transform.counter("located")).isEqualTo(5);
        assertThat(transform.counter("unlocated")).isEqualTo(1);
    }

    @Test
    void aCountryDatabaseWorksTheSame() {
        Struct flow = located(geoIp(COUNTRY, null), "2.125.160.216", "202.196.224.1", 2);
        assertThat(Flows.text(flow, SRC_COUNTRY)).isEqualTo("GB");
        assertThat(Flows.text(flow, DST_COUNTRY)).isEqualTo("PH");
        assertThat(Flows.text(flow, REMOTE_COUNTRY)).isEqualTo("PH");
    }

    @Test
    void theAsnDatabaseFillsOnlyNumbersTheRouterLeftAtZero() {
        GeoIp<SourceRecord> transform = geoIp(CITY, ASN);
        Struct flow = flow("89.160.20.112", "12.81.92.1");
        Flows.setNumber(flow, DST_AS, 64_500);
        transform.apply(record(flow));
        assertThat(Flows.number(flow, SRC_AS)).isEqualTo(29_518);
        assertThat(Flows.number(flow, DST_AS)).isEqualTo(64_500);
        Struct other = flow("1.128.0.1", "12.81.92.1");
        transform.apply(transform.apply(record(other)));
        assertThat(Flows.number(other, SRC_AS)).isEqualTo(1221);
        assertThat(Flows.number(other, DST_AS)).isEqualTo(7018);
        assertThat(transform.counter("as-filled")).isEqualTo(3);
    }

    @Test
    void aChangedDatabaseIsReloadedAndABrokenOneKeepsTheOldReader() throws IOException {
        Path database = tmp.resolve("geo.mmdb");
        Files.copy(CITY, database);
        GeoIp<SourceRecord> transform = geoIp(database, null);
        assertThat(Flows.text(located(transform, "214.78.120.1", "10.0.0.1", 1), SRC_COUNTRY)).isEqualTo("US");

        TestFiles.rewrite(database, Files.readAllBytes(COUNTRY));
        transform.checkForChanges();
        assertThat(transform.counter("reloads")).isEqualTo(1);
        assertThat(Flows.text(located(transform, "50.114.0.1", "10.0.0.1", 1), SRC_COUNTRY))
                .as("50.114.0.0/22 is only in the Country test database").isEqualTo("US");

        TestFiles.rewrite(database, "not a database".getBytes());
        transform.checkForChanges();
        assertThat(transform.counter("reload-errors")).isEqualTo(1);
        assertThat(Flows.text(located(transform, "50.114.0.1", "10.0.0.1", 1), SRC_COUNTRY)).isEqualTo("US");
    }

    @Test
    void missingCorruptOrWrongDatabasesAreNamedByTheValidator() throws IOException {
        assertThat(error(GeoIp.DATABASE_FILE, tmp.resolve("none.mmdb").toString())).contains("not a readable file");
        Path garbage = tmp.resolve("garbage.mmdb");
        Files.write(garbage, new byte[4096]);
        assertThat(error(GeoIp.DATABASE_FILE, garbage.toString())).contains("cannot open MaxMind database");
        assertThat(error(GeoIp.DATABASE_FILE, ASN.toString())).contains("GeoLite2-ASN")
                .contains("City or Country database is needed");
        assertThat(error(GeoIp.ASN_DATABASE_FILE, CITY.toString())).contains("ASN or ISP database is needed");
        Path truncated = tmp.resolve("truncated.mmdb");
        byte[] city = Files.readAllBytes(CITY);
        Files.write(truncated, java.util.Arrays.copyOf(city, city.length / 2));
        assertThat(error(GeoIp.DATABASE_FILE, truncated.toString())).isNotBlank();
    }

    private static String error(String key, String value) {
        Map<String, String> config = new HashMap<>(Map.of(GeoIp.DATABASE_FILE, CITY.toString()));
        config.put(key, value);
        List<ConfigValue> values = GeoIp.CONFIG_DEF.validate(config);
        ConfigValue result = values.stream().filter(v -> v.name().equals(key)).findFirst().orElseThrow();
        assertThat(result.errorMessages()).as(key).hasSize(1);
        return result.errorMessages().get(0);
    }
}
