package org.bwnetflow.connect.enrich.common;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Per-exporter values ({@code address=number} pairs), looked up by a flow's SamplerAddress bytes. */
public final class ExporterRates {

    private final Map<ByteBuffer, Long> byAddress;

    private ExporterRates(Map<ByteBuffer, Long> byAddress) {
        this.byAddress = byAddress;
    }

    /** Parses {@code address=rate} pairs; the exception's message names the bad pair. */
    public static ExporterRates parse(List<String> pairs) {
        Map<ByteBuffer, Long> map = new HashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + pair + "' is not of the form address=rate");
            }
            IPAddress address = new IPAddressString(pair.substring(0, eq).trim()).getAddress();
            if (address == null || address.isPrefixed()) {
                throw new IllegalArgumentException("'" + pair.substring(0, eq).trim() + "' is not an IP address");
            }
            long rate;
            try {
                rate = Long.parseLong(pair.substring(eq + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("rate in '" + pair + "' is not a whole number");
            }
            if (rate < 1) {
                throw new IllegalArgumentException("rate in '" + pair + "' must be at least 1");
            }
            if (map.put(ByteBuffer.wrap(address.getBytes()), rate) != null) {
                throw new IllegalArgumentException("exporter " + address + " is listed twice");
            }
        }
        return new ExporterRates(map);
    }

    public boolean isEmpty() {
        return byAddress.isEmpty();
    }

    /** The value for this exporter address, or 0. */
    public long get(byte[] exporter) {
        Long rate = byAddress.get(ByteBuffer.wrap(exporter));
        return rate == null ? 0 : rate;
    }
}
