package org.bwnetflow.connect.enrich.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import org.bwnetflow.connect.enrich.common.AddressCache;

/**
 * One opened MaxMind database, read through MaxMind's maxmind-db {@link Reader} (the file read
 * into the heap, with the reader's cache of decoded data), that answers the one question the transform asks of its kind:
 * an address's country (City, Country and Enterprise databases) or its AS number (ASN and ISP
 * databases). A record is decoded into {@link CountryRecord} or {@link AsnRecord}, which hold only
 * the keys we read, not into geoip2's full responses. Answers are also remembered per address in
 * an {@link AddressCache}: a hit costs nanoseconds where a lookup walks the tree and decodes.
 *
 * <p>The reader's API takes an {@link InetAddress}, so a lookup that misses the address cache
 * makes one from the flow's bytes (the library offers no lookup by byte array); a
 * {@link LookupAddress} makes it once for both databases.
 */
public final class GeoDatabase {

    /** What a database can answer. */
    public enum Kind { COUNTRY, ASN }

    /**
     * Decoded values the reader's cache keeps (it does not evict; a full cache just stops caching).
     * It caches what records point to: map keys and the shared country maps, which our records'
     * few keys keep to a few hundred entries. Without it every lookup decodes its key strings anew:
     * GeoLookupBenchmark measured about twice the allocation and half the lookups per second.
     */
    static final int CACHE_ENTRIES = 1 << 16;

    /**
     * The file is read into the heap (its size: tens of MB for City, a few for Country and ASN) rather
     * than mapped: the reader duplicates its buffer on every lookup, and duplicating a mapped buffer
     * took a fifth of the source task's time in a profile of the shipped connector under load.
     */
    static final Reader.FileMode FILE_MODE = Reader.FileMode.MEMORY;

    private static final InetAddress PROBE = probeAddress();

    /** Addresses whose answer is remembered, per family, in front of the reader (about 2.5 MB each when full). */
    static final int CACHED_ADDRESSES = 1 << 16;
    private static final String NO_COUNTRY = "";
    private static final Long NO_ASN = 0L;

    private final AddressCache<String> countries = new AddressCache<>(CACHED_ADDRESSES);
    private final AddressCache<Long> asns = new AddressCache<>(CACHED_ADDRESSES);
    private final Reader reader;
    private final String type;

    private GeoDatabase(Reader reader, String type) {
        this.reader = reader;
        this.type = type;
    }

    /**
     * Opens a database and checks that it answers {@code kind}: a missing, corrupt or wrong
     * database fails here with a message that says which.
     */
    public static GeoDatabase open(Path file, Kind kind) throws IOException {
        Reader reader;
        try {
            reader = new Reader(file.toFile(), FILE_MODE, new CHMCache(CACHE_ENTRIES));
        } catch (IOException e) {
            throw new IOException("cannot open MaxMind database " + file + ": " + e.getMessage(), e);
        }
        String type = reader.getMetadata().getDatabaseType();
        if (!answers(type, kind)) {
            reader.close();
            throw new IOException(file + " is a " + type + " database, but " + (kind == Kind.COUNTRY
                    ? "a City or Country database is needed" : "an ASN or ISP database is needed"));
        }
        GeoDatabase database = new GeoDatabase(reader, type);
        try {
            if (kind == Kind.COUNTRY) {
                database.country(PROBE);
            } else {
                database.asn(PROBE);
            }
        } catch (RuntimeException e) {
            throw new IOException(file + " is corrupt: a lookup fails with " + e.getMessage(), e);
        }
        return database;
    }

    /**
     * Whether a database of this type answers {@code kind}: the types geoip2's DatabaseReader
     * accepted for the lookup we made through it (its type names, matched case-sensitively), so
     * the same files are accepted and refused as before.
     */
    static boolean answers(String type, Kind kind) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (kind == Kind.COUNTRY) {
            boolean city = lower.contains("city") || lower.contains("enterprise");
            return city ? type.contains("City") || type.contains("Enterprise") : type.contains("Country");
        }
        return lower.contains("isp") ? type.contains("GeoIP2-ISP") : type.contains("GeoLite2-ASN");
    }

    /** The ISO code of the country of an address (4 or 16 bytes), or null; remembered per address. */
    public String country(byte[] address) throws IOException {
        return country(new LookupAddress().of(address));
    }

    /** {@link #country(byte[])} of the address the lookup is at, making its InetAddress only on a cache miss. */
    public String country(LookupAddress address) throws IOException {
        String cached = countries.get(address.bytes());
        if (cached == null) {
            String iso = country(address.inet());
            cached = iso == null ? NO_COUNTRY : iso;
            countries.put(address.bytes(), cached);
        }
        return cached.isEmpty() ? null : cached;
    }

    /** The AS number announcing an address (4 or 16 bytes), or 0; remembered per address. */
    public long asn(byte[] address) throws IOException {
        return asn(new LookupAddress().of(address));
    }

    /** {@link #asn(byte[])} of the address the lookup is at, making its InetAddress only on a cache miss. */
    public long asn(LookupAddress address) throws IOException {
        Long cached = asns.get(address.bytes());
        if (cached == null) {
            cached = asnNumber(address.inet());
            asns.put(address.bytes(), cached);
        }
        return cached;
    }

    /** The ISO code of the address's country (its registered country when the record has none), or null. */
    String country(InetAddress address) throws IOException {
        CountryRecord record = reader.get(address, CountryRecord.class);
        return record == null ? null : record.isoCode();
    }

    /** The AS number announcing the address, or 0. */
    long asn(InetAddress address) throws IOException {
        return asnNumber(address);
    }

    /** The AS number as the record holds it (boxed already, so the address cache needs no box of its own), or 0. */
    private Long asnNumber(InetAddress address) throws IOException {
        AsnRecord record = reader.get(address, AsnRecord.class);
        Long number = record == null ? null : record.number();
        return number == null ? NO_ASN : number;
    }

    /** The database type from its metadata, e.g. GeoLite2-City. */
    public String type() {
        return type;
    }

    private static InetAddress probeAddress() {
        try {
            return InetAddress.getByAddress(new byte[] {1, 1, 1, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
