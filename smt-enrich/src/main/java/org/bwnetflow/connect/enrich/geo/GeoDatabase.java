package org.bwnetflow.connect.enrich.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bwnetflow.connect.enrich.ranges.AddressWords;
import org.bwnetflow.connect.enrich.ranges.PrefixRanges;

/**
 * One MaxMind database, compiled when it is opened into a compact table of address ranges
 * ({@link PrefixRanges}) that answers the one question the transform asks of its kind: an
 * address's country (City, Country and Enterprise databases) or its AS number (ASN and ISP
 * databases). MaxMind's maxmind-db {@link Reader} reads the file and decodes each network's
 * record into {@link CountryRecord} or {@link AsnRecord} (only the keys we read); a lookup is then
 * a binary search in primitive arrays straight from the flow's address bytes: no tree walk, no
 * InetAddress, no decoding and no allocation per lookup, on addresses never seen before as on
 * repeated ones. GeoDatabaseEquivalenceTest checks it answers what geoip2 answered.
 */
public final class GeoDatabase {

    /** What a database can answer. */
    public enum Kind { COUNTRY, ASN }

    /**
     * Decoded values the reader's cache keeps while the database is compiled (it does not evict; a
     * full cache just stops caching): records point to shared country maps and key strings, which
     * the cache decodes once instead of once per network.
     */
    static final int CACHE_ENTRIES = 1 << 16;

    private static final long IPV4_MAPPED = 0xFFFFL;

    private final PrefixRanges table;
    /** Country codes by their number in the table, minus one (COUNTRY databases). */
    private final String[] countries;
    private final String type;
    private final boolean ipv4Tree;

    private GeoDatabase(PrefixRanges table, String[] countries, String type, boolean ipv4Tree) {
        this.table = table;
        this.countries = countries;
        this.type = type;
        this.ipv4Tree = ipv4Tree;
    }

    /**
     * Opens a database, checks that it answers {@code kind} and compiles it: a missing, corrupt or
     * wrong database fails here with a message that says which. The file is not kept open.
     */
    public static GeoDatabase open(Path file, Kind kind) throws IOException {
        Reader reader;
        try {
            reader = new Reader(file.toFile(), new CHMCache(CACHE_ENTRIES));
        } catch (IOException e) {
            throw new IOException("cannot open MaxMind database " + file + ": " + e.getMessage(), e);
        }
        try (reader) {
            String type = reader.getMetadata().getDatabaseType();
            if (!answers(type, kind)) {
                throw new IOException(file + " is a " + type + " database, but " + (kind == Kind.COUNTRY
                        ? "a City or Country database is needed" : "an ASN or ISP database is needed"));
            }
            boolean ipv4Tree = reader.getMetadata().getIpVersion() == 4;
            try {
                if (kind == Kind.ASN) {
                    PrefixRanges table = TreeCompiler.compile(reader, AsnRecord.class, GeoDatabase::asnBits);
                    return new GeoDatabase(table, new String[0], type, ipv4Tree);
                }
                CountryNumbers numbers = new CountryNumbers();
                PrefixRanges table = TreeCompiler.compile(reader, CountryRecord.class, r -> numbers.of(r.isoCode()));
                return new GeoDatabase(table, numbers.codes(), type, ipv4Tree);
            } catch (Exception e) {
                throw new IOException(file + " is corrupt: reading its networks fails with " + e.getMessage(), e);
            }
        }
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

    /** The ISO code of the country of an address (4 or 16 bytes), or null (the registered country's when it has none). */
    public String country(byte[] address) throws IOException {
        int number = lookup(address);
        return number == 0 ? null : countries[number - 1];
    }

    /** The AS number announcing an address (4 or 16 bytes), or 0. */
    public long asn(byte[] address) throws IOException {
        return Integer.toUnsignedLong(lookup(address));
    }

    /**
     * Where MaxMind's reader would look the address up: IPv4, and the IPv6 addresses Java reads as
     * IPv4 (::ffff:a.b.c.d), in the IPv4 table; ::a.b.c.d too, as the tree's IPv4 part is at ::/96.
     */
    private int lookup(byte[] address) throws IOException {
        if (address.length == 4) {
            return table.lookupIpv4(AddressWords.ipv4(address));
        }
        if (address.length != 16) {
            return 0;
        }
        long high = AddressWords.high(address);
        long low = AddressWords.low(address);
        if (high == 0 && low >>> 32 == IPV4_MAPPED) {
            return table.lookupIpv4((int) low);
        }
        if (ipv4Tree) {
            throw new IOException("an IPv6 address in the IPv4-only database " + type);
        }
        return high == 0 && low >>> 32 == 0 ? table.lookupIpv4((int) low) : table.lookupIpv6(high, low);
    }

    /** The database type from its metadata, e.g. GeoLite2-City. */
    public String type() {
        return type;
    }

    /** An AS number (a uint32) as the int of the same 32 bits; 0 when the record has none. */
    private static int asnBits(AsnRecord record) {
        Long number = record.number();
        return number == null ? 0 : (int) number.longValue();
    }

    /** Numbers the distinct country codes 1, 2, ... in the order they are met; null is 0. */
    private static final class CountryNumbers {
        private final Map<String, Integer> numbers = new HashMap<>();
        private final List<String> codes = new ArrayList<>();

        int of(String code) {
            if (code == null) {
                return 0;
            }
            return numbers.computeIfAbsent(code, c -> {
                codes.add(c);
                return codes.size();
            });
        }

        String[] codes() {
            return codes.toArray(new String[0]);
        }
    }
}
