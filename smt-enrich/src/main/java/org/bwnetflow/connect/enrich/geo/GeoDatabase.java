package org.bwnetflow.connect.enrich.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.IspResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.bwnetflow.connect.enrich.common.AddressCache;

/**
 * One opened MaxMind database, read through MaxMind's geoip2 reader (memory-mapped, with its
 * cache of decoded records), that answers the one question the transform asks of its kind: an
 * address's country (City, Country and Enterprise databases) or its AS number (ASN and ISP
 * databases). Answers are remembered per address in an {@link AddressCache}: geoip2 builds a
 * whole response (about 4 KB of objects for a City record) for every lookup.
 */
public final class GeoDatabase {

    /** What a database can answer. */
    public enum Kind { COUNTRY, ASN }

    /** Decoded records the reader's cache keeps (it does not evict; a full cache just stops caching). */
    static final int CACHE_ENTRIES = 1 << 16;

    private static final InetAddress PROBE = probeAddress();

    /** Addresses whose answer is remembered, per family, in front of the reader (about 2.5 MB each when full). */
    static final int CACHED_ADDRESSES = 1 << 16;
    private static final String NO_COUNTRY = "";
    private static final Long NO_ASN = 0L;

    private final AddressCache<String> countries = new AddressCache<>(CACHED_ADDRESSES);
    private final AddressCache<Long> asns = new AddressCache<>(CACHED_ADDRESSES);
    private final DatabaseReader reader;
    private final String type;
    private final boolean city;
    private final boolean isp;

    private GeoDatabase(DatabaseReader reader, String type, boolean city, boolean isp) {
        this.reader = reader;
        this.type = type;
        this.city = city;
        this.isp = isp;
    }

    /**
     * Opens a database and checks that it answers {@code kind}: a missing, corrupt or wrong
     * database fails here with a message that says which.
     */
    public static GeoDatabase open(Path file, Kind kind) throws IOException {
        DatabaseReader reader;
        try {
            reader = new DatabaseReader.Builder(file.toFile()).withCache(new CHMCache(CACHE_ENTRIES)).build();
        } catch (IOException e) {
            throw new IOException("cannot open MaxMind database " + file + ": " + e.getMessage(), e);
        }
        String type = reader.getMetadata().getDatabaseType();
        String lower = type.toLowerCase(Locale.ROOT);
        boolean city = lower.contains("city") || lower.contains("enterprise");
        boolean isp = lower.contains("isp");
        boolean fits = kind == Kind.COUNTRY ? city || lower.contains("country") : isp || lower.contains("asn");
        if (!fits) {
            throw new IOException(file + " is a " + type + " database, but " + (kind == Kind.COUNTRY
                    ? "a City or Country database is needed" : "an ASN or ISP database is needed"));
        }
        GeoDatabase database = new GeoDatabase(reader, type, city, isp);
        try {
            if (kind == Kind.COUNTRY) {
                database.country(PROBE);
            } else {
                database.asn(PROBE);
            }
        } catch (GeoIp2Exception | RuntimeException e) {
            throw new IOException(file + " is corrupt: a lookup fails with " + e.getMessage(), e);
        }
        return database;
    }

    /** The ISO code of the country of an address (4 or 16 bytes), or null; remembered per address. */
    public String country(byte[] address) throws IOException, GeoIp2Exception {
        String cached = countries.get(address);
        if (cached == null) {
            String iso = country(InetAddress.getByAddress(address));
            cached = iso == null ? NO_COUNTRY : iso;
            countries.put(address, cached);
        }
        return cached.isEmpty() ? null : cached;
    }

    /** The AS number announcing an address (4 or 16 bytes), or 0; remembered per address. */
    public long asn(byte[] address) throws IOException, GeoIp2Exception {
        Long cached = asns.get(address);
        if (cached == null) {
            long asn = asn(InetAddress.getByAddress(address));
            cached = asn == 0 ? NO_ASN : asn;
            asns.put(address, cached);
        }
        return cached;
    }

    /** The ISO code of the address's country (its registered country when the record has none), or null. */
    String country(InetAddress address) throws IOException, GeoIp2Exception {
        Optional<? extends AbstractCountryResponse> response = city ? reader.tryCity(address) : reader.tryCountry(address);
        if (response.isEmpty()) {
            return null;
        }
        String iso = response.get().getCountry().getIsoCode();
        return iso != null ? iso : response.get().getRegisteredCountry().getIsoCode();
    }

    /** The AS number announcing the address, or 0. */
    long asn(InetAddress address) throws IOException, GeoIp2Exception {
        Long number;
        if (isp) {
            number = reader.tryIsp(address).map(IspResponse::getAutonomousSystemNumber).orElse(null);
        } else {
            number = reader.tryAsn(address).map(AsnResponse::getAutonomousSystemNumber).orElse(null);
        }
        return number == null ? 0 : number;
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
