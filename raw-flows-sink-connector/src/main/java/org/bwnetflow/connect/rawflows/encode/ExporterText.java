package org.bwnetflow.connect.rawflows.encode;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bwnetflow.connect.model.table.AddressHalves;

/**
 * The exporter column's text: the SamplerAddress as {@code InetAddress.getHostAddress()} writes it
 * (dotted IPv4, also for {@code ::ffff:a.b.c.d}; IPv6 in eight groups), remembered in a small
 * direct-mapped cache, since a few exporters send every flow; hits allocate nothing. An address
 * of neither 4 nor 16 bytes has no text (the column stays NULL).
 */
final class ExporterText {

    private static final int SLOTS = 256;
    private static final byte[] NONE = new byte[0];

    private final long[] highs = new long[SLOTS];
    private final long[] lows = new long[SLOTS];
    private final int[] lengths = new int[SLOTS];
    private final byte[][] texts = new byte[SLOTS][];

    /** The text of the {@code length} bytes at {@code offset}; empty when they are no address. */
    byte[] textOf(byte[] source, int offset, int length) {
        if (length != 4 && length != 16) {
            return NONE;
        }
        long high = AddressHalves.high(source, offset, length);
        long low = AddressHalves.low(source, offset, length);
        int slot = (int) (mix(high ^ (low * 31) ^ length) & (SLOTS - 1));
        byte[] text = texts[slot];
        if (text != null && highs[slot] == high && lows[slot] == low && lengths[slot] == length) {
            return text;
        }
        text = format(Arrays.copyOfRange(source, offset, offset + length));
        highs[slot] = high;
        lows[slot] = low;
        lengths[slot] = length;
        texts[slot] = text;
        return text;
    }

    private static byte[] format(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress().getBytes(StandardCharsets.US_ASCII);
        } catch (UnknownHostException e) {
            return NONE; // not reached: 4 and 16 bytes are always an address
        }
    }

    private static long mix(long value) {
        long h = value * 0x9E37_79B9_7F4A_7C15L;
        return h ^ (h >>> 29);
    }
}
