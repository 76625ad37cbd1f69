package org.bwnetflow.connect.bmp.source.session;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A router's address as the RIB names it. */
public final class Addresses {

    private Addresses() {
    }

    /** An IPv4 router seen on a dual-stack socket as ::ffff:a.b.c.d is that IPv4 router, in keys and allowlist alike. */
    public static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return address;
            }
        }
        if (b[10] != (byte) 0xFF || b[11] != (byte) 0xFF) {
            return address;
        }
        try {
            return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
