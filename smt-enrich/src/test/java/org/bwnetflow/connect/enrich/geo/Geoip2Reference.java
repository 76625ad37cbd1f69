package org.bwnetflow.connect.enrich.geo;

import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.model.AbstractCountryResponse;
import com.maxmind.geoip2.model.AsnResponse;
import com.maxmind.geoip2.model.IspResponse;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What GeoDatabase answered when it read through geoip2's DatabaseReader: the reference for the new reader. */
final class Geoip2Reference implements AutoCloseable {

    private final DatabaseReader reader;
    private final boolean city;
    private final boolean isp;

    Geoip2Reference(Path file) throws Exception {
        reader = new DatabaseReader.Builder(file.toFile()).build();
        String lower = reader.getMetadata().getDatabaseType().toLowerCase(Locale.ROOT);
        city = lower.contains("city") || lower.contains("enterprise");
        isp = lower.contains("isp");
    }

    /**
     * Whether GeoDatabase opened the file for {@code kind} when it read through geoip2: geoip2
     * had to know the type, GeoDatabase's own check had to pass, and so did a probe lookup.
     */
    static boolean opened(Path file, GeoDatabase.Kind kind) throws Exception {
        Geoip2Reference reference;
        try {
            reference = new Geoip2Reference(file);
        } catch (UnsupportedOperationException e) {
            return false;
        }
        try (reference) {
            String lower = reference.reader.getMetadata().getDatabaseType().toLowerCase(Locale.ROOT);
            boolean fits = kind == GeoDatabase.Kind.COUNTRY ? reference.city || lower.contains("country")
                    : reference.isp || lower.contains("asn");
            if (!fits) {
                return false;
            }
            byte[] probe = {1, 1, 1, 1};
            if (kind == GeoDatabase.Kind.COUNTRY) {
                reference.country(probe);
            } else {
                reference.asn(probe);
            }
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    String country(byte[] address) throws Exception {
        InetAddress inet = InetAddress.getByAddress(address);
        Optional<? extends AbstractCountryResponse> response = city ? reader.tryCity(inet) : reader.tryCountry(inet);
        if (response.isEmpty()) {
            return null;
        }
        String iso = response.get().getCountry().getIsoCode();
        return iso != null ? iso : response.get().getRegisteredCountry().getIsoCode();
    }

    long asn(byte[] address) throws Exception {
        InetAddress inet = InetAddress.getByAddress(address);
        Long number = isp ? reader.tryIsp(inet).map(IspResponse::getAutonomousSystemNumber).orElse(null)
                : reader.tryAsn(inet).map(AsnResponse::getAutonomousSystemNumber).orElse(null);
        return number == null ? 0 : number;
    }

    @Override
    public void close() throws Exception {
        reader.close();
    }
}
