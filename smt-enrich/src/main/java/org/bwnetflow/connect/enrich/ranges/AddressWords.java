package org.bwnetflow.connect.enrich.ranges;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A flow address's bytes read as the words the range tables compare: an IPv4 address as one int,
 * an IPv6 address as its high and low 64 bits; big-endian, straight from the array, no allocation.
 */
public final class AddressWords {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private AddressWords() {
    }

    /** The 32 bits of a 4-byte address. */
    public static int ipv4(byte[] address) {
        return (int) INT.get(address, 0);
    }

    /** The high 64 bits of a 16-byte address. */
    public static long high(byte[] address) {
        return (long) LONG.get(address, 0);
    }

    /** The low 64 bits of a 16-byte address. */
    public static long low(byte[] address) {
        return (long) LONG.get(address, 8);
    }
}
