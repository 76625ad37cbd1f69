package org.bwnetflow.connect.benchmarks.enrich;

import com.maxmind.db.CHMCache;
import com.maxmind.db.NoCache;
import com.maxmind.db.NodeCache;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.CityResponse;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.io.File;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.enrich.geo.AsnRecord;
import org.bwnetflow.connect.enrich.geo.CountryRecord;
import org.bwnetflow.connect.enrich.geo.GeoDatabase;
import org.bwnetflow.connect.enrich.testing.TestFiles;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One uncached GeoIp lookup (country from GeoIP2-City-Test, AS number from GeoLite2-ASN-Test) of
 * an address, as GeoDatabase makes it when its address cache misses, by each way of reading the
 * databases: geoip2's DatabaseReader building full responses (what GeoIp used before), and
 * maxmind-db's Reader decoding into GeoIp's small records (with the reader's CHMCache or none), and
 * {@code table}: GeoDatabase, the databases compiled into a range table (what GeoIp uses since).
 * Addresses cycle through {@code distinctAddresses}: half are hosts in the City database's
 * networks, half random IPv4 addresses (mostly in no network), as a flow's remote and local
 * address are.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class GeoLookupBenchmark {

    static final int CACHE_ENTRIES = 1 << 16;

    @Param({"geoip2", "reader-chmcache", "reader-nocache", "table"})
    public String read;

    @Param({"262144"})
    public int distinctAddresses;

    private InetAddress[] addresses;
    private int next;
    private DatabaseReader geoip2City;
    private DatabaseReader geoip2Asn;
    private Reader city;
    private Reader asn;
    private GeoDatabase cityTable;
    private GeoDatabase asnTable;
    private byte[][] bytes;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        File cityFile = TestFiles.testdata("geoip/GeoIP2-City-Test.mmdb").toFile();
        File asnFile = TestFiles.testdata("geoip/GeoLite2-ASN-Test.mmdb").toFile();
        switch (read) {
            case "geoip2" -> {
                geoip2City = new DatabaseReader.Builder(cityFile).withCache(new CHMCache(CACHE_ENTRIES)).build();
                geoip2Asn = new DatabaseReader.Builder(asnFile).withCache(new CHMCache(CACHE_ENTRIES)).build();
            }
            case "reader-chmcache" -> {
                city = new Reader(cityFile, new CHMCache(CACHE_ENTRIES));
                asn = new Reader(asnFile, new CHMCache(CACHE_ENTRIES));
            }
            case "table" -> {
                cityTable = GeoDatabase.open(cityFile.toPath(), GeoDatabase.Kind.COUNTRY);
                asnTable = GeoDatabase.open(asnFile.toPath(), GeoDatabase.Kind.ASN);
            }
            case "reader-nocache" -> {
                NodeCache none = NoCache.getInstance();
                city = new Reader(cityFile, none);
                asn = new Reader(asnFile, none);
            }
            default -> throw new IllegalArgumentException(read);
        }
        Random random = new Random(7);
        List<IPAddress> remotes = new ArrayList<>();
        for (String network : EnrichmentChainBenchmark.REMOTE_NETWORKS) {
            remotes.add(new IPAddressString(network).getAddress());
        }
        addresses = new InetAddress[distinctAddresses];
        bytes = new byte[distinctAddresses][];
        int located = 0;
        for (int i = 0; i < distinctAddresses; i++) {
            byte[] address;
            if (i % 2 == 0) {
                address = EnrichmentChainBenchmark.remoteHost(remotes, random.nextInt(4) == 0 ? 16 : 4, random);
            } else {
                address = new byte[4];
                random.nextBytes(address);
            }
            addresses[i] = InetAddress.getByAddress(address);
            bytes[i] = address;
        }
        for (int i = 0; i < distinctAddresses; i++) {
            located += lookup() != 0 ? 1 : 0;
        }
        if (located < distinctAddresses / 2) {
            throw new IllegalStateException("only " + located + " of " + distinctAddresses + " addresses located");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        for (AutoCloseable reader : new AutoCloseable[] {geoip2City, geoip2Asn, city, asn}) {
            if (reader != null) {
                reader.close();
            }
        }
    }

    /** The country and the AS number of the next address, folded into one number JMH consumes. */
    @Benchmark
    public long lookup() throws Exception {
        InetAddress address = addresses[next];
        byte[] raw = bytes[next];
        next = next + 1 == distinctAddresses ? 0 : next + 1;
        String country;
        long number;
        if (cityTable != null) {
            country = cityTable.country(raw);
            number = asnTable.asn(raw);
        } else if (geoip2City != null) {
            CityResponse response = geoip2City.tryCity(address).orElse(null);
            country = response == null ? null : response.getCountry().getIsoCode();
            if (country == null && response != null) {
                country = response.getRegisteredCountry().getIsoCode();
            }
            Long asNumber = geoip2Asn.tryAsn(address).map(AsnResponse::getAutonomousSystemNumber).orElse(null);
            number = asNumber == null ? 0 : asNumber;
        } else {
            CountryRecord record = city.get(address, CountryRecord.class);
            country = record == null ? null : record.isoCode();
            AsnRecord asRecord = asn.get(address, AsnRecord.class);
            number = asRecord == null || asRecord.number() == null ? 0 : asRecord.number();
        }
        return (country == null ? 0 : country.hashCode()) + number;
    }
}
