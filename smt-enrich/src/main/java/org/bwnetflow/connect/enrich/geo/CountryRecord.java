package org.bwnetflow.connect.enrich.geo;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;

/**
 * The part of a City, Country or Enterprise record the transform reads: the ISO codes of the
 * country and the registered country. MaxMind's reader fills it from the record and skips every
 * other key (names in eight languages, subdivisions, location) instead of decoding them.
 * Public, as the reader constructs it by reflection.
 */
public final class CountryRecord {

    private final IsoCode country;
    private final IsoCode registeredCountry;

    @MaxMindDbConstructor
    public CountryRecord(@MaxMindDbParameter(name = "country") IsoCode country,
            @MaxMindDbParameter(name = "registered_country") IsoCode registeredCountry) {
        this.country = country;
        this.registeredCountry = registeredCountry;
    }

    /** The country's ISO code, the registered country's when the record has none (as geoip2 answered), or null. */
    public String isoCode() {
        String iso = countryCode();
        return iso != null ? iso : registeredCountryCode();
    }

    String countryCode() {
        return country == null ? null : country.code();
    }

    String registeredCountryCode() {
        return registeredCountry == null ? null : registeredCountry.code();
    }

    /**
     * A country map of a record, reduced to its {@code iso_code}. Records share their country
     * maps (the database points to one copy), so with the reader's cache one instance serves them all.
     */
    public static final class IsoCode {

        private final String code;

        @MaxMindDbConstructor
        public IsoCode(@MaxMindDbParameter(name = "iso_code") String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }
}
