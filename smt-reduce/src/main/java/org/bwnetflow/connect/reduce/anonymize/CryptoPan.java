package org.bwnetflow.connect.reduce.anonymize;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Crypto-PAn: prefix-preserving pseudonymisation of IPv4 and IPv6 addresses (Jinliang Fan, Jun Xu,
 * Mostafa H. Ammar, Sue B. Moon, "Prefix-preserving IP address anonymization", 2004).
 *
 * <p>The 32-byte secret splits in two: the first 16 bytes are an AES-128 key, the second 16 bytes,
 * encrypted with that key, are the pad. For every bit position {@code i} of the address, the AES
 * input block is the address's first {@code i} bits followed by the pad's bits from {@code i} on;
 * the most significant bit of the encrypted block is the one-time-pad bit XOR'd into bit {@code i}.
 * Two addresses that share an n-bit prefix therefore map to pseudonyms that share exactly an n-bit
 * prefix. IPv4 uses the first 32 bits of the block, IPv6 the same construction over all 128 bits
 * (as in the common implementations, e.g. yacryptopan and the Go libraries), so the same key gives
 * the same pseudonyms as those tools.
 *
 * <p>Cost: one AES block per address bit (32 for IPv4, 128 for IPv6). Flows repeat addresses, so
 * results are kept in a small direct-mapped cache (a slot per hash of the address; a colliding
 * address replaces the slot). Buffers are reused: {@link #anonymize} allocates only its result.
 *
 * <p><b>Not thread-safe</b>: an instance owns one {@link Cipher}, its buffers and its cache. Use
 * one instance per thread (each Connect task has its own transform instance, hence its own
 * CryptoPan). The key is never kept in a form {@link #toString} or a log could show.
 */
public final class CryptoPan implements AddressAnonymizer {

    /** Cache slots per address family by default (a power of two). */
    public static final int DEFAULT_CACHE_SLOTS = 4096;

    private static final int BLOCK = 16;

    private final Cipher cipher;
    private final byte[] pad = new byte[BLOCK];
    private final int pad4;
    private final long padHigh;
    private final long padLow;
    private final byte[] in = new byte[BLOCK];
    private final byte[] out = new byte[BLOCK];

    private final int mask;
    private final long[] v4Keys;
    private final int[] v4Values;
    private final long[] v6KeyHigh;
    private final long[] v6KeyLow;
    private final long[] v6ValueHigh;
    private final long[] v6ValueLow;
    private final boolean[] v6Used;

    /** A Crypto-PAn instance with the default cache; {@code key} must be 32 bytes (it is not kept). */
    public CryptoPan(byte[] key) {
        this(key, DEFAULT_CACHE_SLOTS);
    }

    /**
     * A Crypto-PAn instance; {@code key} must be 32 bytes (it is not kept), {@code cacheSlots} a power
     * of two, or 0 for no cache.
     */
    public CryptoPan(byte[] key, int cacheSlots) {
        if (key == null || key.length != CryptoPanKey.LENGTH) {
            throw new IllegalArgumentException("a Crypto-PAn key has " + CryptoPanKey.LENGTH + " bytes");
        }
        if (cacheSlots < 0 || Integer.bitCount(cacheSlots) > 1) {
            throw new IllegalArgumentException("cache slots must be 0 or a power of two, not " + cacheSlots);
        }
        try {
            cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, 0, BLOCK, "AES"));
            byte[] secondHalf = Arrays.copyOfRange(key, BLOCK, 2 * BLOCK);
            cipher.doFinal(secondHalf, 0, BLOCK, pad, 0);
            Arrays.fill(secondHalf, (byte) 0);
        } catch (GeneralSecurityException e) {
            // AES/ECB/NoPadding is a mandatory JCE algorithm: this is a broken JVM, not a bad key.
            throw new IllegalStateException("AES is not available: " + e.getClass().getSimpleName(), e);
        }
        pad4 = (int) readLong(pad, 0, 4);
        padHigh = readLong(pad, 0, 8);
        padLow = readLong(pad, 8, 8);
        mask = cacheSlots - 1;
        v4Keys = new long[cacheSlots];
        v4Values = new int[cacheSlots];
        v6KeyHigh = new long[cacheSlots];
        v6KeyLow = new long[cacheSlots];
        v6ValueHigh = new long[cacheSlots];
        v6ValueLow = new long[cacheSlots];
        v6Used = new boolean[cacheSlots];
    }

    /**
     * The pseudonym of a 4-byte (IPv4) or 16-byte (IPv6) address, as a new array; the argument is
     * not modified.
     *
     * @throws IllegalArgumentException for any other length
     */
    @Override
    public byte[] anonymize(byte[] address) {
        if (address.length == 4) {
            int pseudonym = anonymizeIpv4((int) readLong(address, 0, 4));
            return new byte[] {(byte) (pseudonym >>> 24), (byte) (pseudonym >>> 16), (byte) (pseudonym >>> 8),
                (byte) pseudonym};
        }
        if (address.length == 16) {
            long high = readLong(address, 0, 8);
            long low = readLong(address, 8, 8);
            byte[] result = new byte[16];
            anonymizeIpv6(high, low, result);
            return result;
        }
        throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + address.length);
    }

    /** The pseudonym of an IPv4 address given as a big-endian int. */
    public int anonymizeIpv4(int address) {
        int slot = mask < 0 ? -1 : hash(address) & mask;
        long tagged = (address & 0xFFFF_FFFFL) | (1L << 32); // bit 32 marks a used slot
        if (slot >= 0 && v4Keys[slot] == tagged) {
            return v4Values[slot];
        }
        // Bytes 4..15 of every input block are the pad's.
        System.arraycopy(pad, 4, in, 4, BLOCK - 4);
        int otp = 0;
        for (int pos = 0; pos < 32; pos++) {
            int original = pos == 0 ? 0 : -1 << (32 - pos); // the address's first pos bits
            int block = (address & original) | (pad4 & ~original);
            in[0] = (byte) (block >>> 24);
            in[1] = (byte) (block >>> 16);
            in[2] = (byte) (block >>> 8);
            in[3] = (byte) block;
            encrypt();
            otp |= ((out[0] >>> 7) & 1) << (31 - pos);
        }
        int pseudonym = otp ^ address;
        if (slot >= 0) {
            v4Keys[slot] = tagged;
            v4Values[slot] = pseudonym;
        }
        return pseudonym;
    }

    private void anonymizeIpv6(long high, long low, byte[] result) {
        int slot = mask < 0 ? -1 : hash(high, low) & mask;
        if (slot >= 0 && v6Used[slot] && v6KeyHigh[slot] == high && v6KeyLow[slot] == low) {
            writeLong(result, 0, v6ValueHigh[slot]);
            writeLong(result, 8, v6ValueLow[slot]);
            return;
        }
        long otpHigh = 0;
        long otpLow = 0;
        for (int pos = 0; pos < 128; pos++) {
            long originalHigh = pos >= 64 ? -1L : pos == 0 ? 0L : -1L << (64 - pos);
            long originalLow = pos <= 64 ? 0L : -1L << (128 - pos);
            writeLong(in, 0, (high & originalHigh) | (padHigh & ~originalHigh));
            writeLong(in, 8, (low & originalLow) | (padLow & ~originalLow));
            encrypt();
            long bit = (out[0] >>> 7) & 1L;
            if (pos < 64) {
                otpHigh |= bit << (63 - pos);
            } else {
                otpLow |= bit << (127 - pos);
            }
        }
        long pseudonymHigh = otpHigh ^ high;
        long pseudonymLow = otpLow ^ low;
        if (slot >= 0) {
            v6Used[slot] = true;
            v6KeyHigh[slot] = high;
            v6KeyLow[slot] = low;
            v6ValueHigh[slot] = pseudonymHigh;
            v6ValueLow[slot] = pseudonymLow;
        }
        writeLong(result, 0, pseudonymHigh);
        writeLong(result, 8, pseudonymLow);
    }

    private void encrypt() {
        try {
            cipher.update(in, 0, BLOCK, out, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException("AES output buffer too short", e); // 16 bytes always fit one block
        }
    }

    private static int hash(int value) {
        int h = value * 0x9E37_79B9;
        return h ^ (h >>> 16);
    }

    private static int hash(long high, long low) {
        long h = (high * 0x9E37_79B9_7F4A_7C15L) ^ (low * 0xC2B2_AE3D_27D4_EB4FL);
        return (int) (h ^ (h >>> 32));
    }

    private static long readLong(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static void writeLong(byte[] bytes, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            bytes[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    @Override
    public String toString() {
        return "CryptoPan[key hidden]";
    }
}
