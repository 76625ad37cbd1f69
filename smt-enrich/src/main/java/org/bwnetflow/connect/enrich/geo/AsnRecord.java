package org.bwnetflow.connect.enrich.geo;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;

/**
 * The part of an ASN or ISP record the transform reads: the AS number (a uint32, hence Long, as
 * in geoip2's responses). The reader skips the organisation and ISP names instead of decoding them.
 * Public, as the reader constructs it by reflection.
 */
public final class AsnRecord {

    private final Long number;

    @MaxMindDbConstructor
    public AsnRecord(@MaxMindDbParameter(name = "autonomous_system_number") Long number) {
        this.number = number;
    }

    /** The AS number, or null when the record has none. */
    public Long number() {
        return number;
    }
}
