package org.bwnetflow.connect.enrich.geo;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A flow address (4 or 16 bytes) on its way through the databases. MaxMind's reader takes only an
 * {@link InetAddress}; one is made when the first database misses its address cache, and the next
 * database (the AS numbers after the countries) reuses it. Mutable and reused: one per transform
 * instance, which only its task's thread calls.
 */
public final class LookupAddress {

    private byte[] bytes;
    private InetAddress inet;

    /** Moves on to another address (the array is read, not kept beyond the next call). */
    public LookupAddress of(byte[] address) {
        bytes = address;
        inet = null;
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    InetAddress inet() throws UnknownHostException {
        if (inet == null) {
            inet = InetAddress.getByAddress(bytes);
        }
        return inet;
    }
}
