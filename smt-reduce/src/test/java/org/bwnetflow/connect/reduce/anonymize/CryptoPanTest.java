package org.bwnetflow.connect.reduce.anonymize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CryptoPanTest {

    /** The key of the reference vectors published with the original Crypto-PAn implementation. */
    static final byte[] REFERENCE_KEY = {21, 34, 23, (byte) 141, 51, (byte) 164, (byte) 207, (byte) 128, 19, 10, 91, 22,
        73, (byte) 144, 125, 16, (byte) 216, (byte) 152, (byte) 143, (byte) 131, 121, 121, 101, 39, 98, 87, 76, 45, 42,
        (byte) 132, 34, 2};

    static byte[] ip(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static String text(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress().replaceAll("(^|:)0+(?=[0-9a-f])", "$1");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @CsvSource({"128.11.68.132,135.242.180.132", "129.118.74.4,134.136.186.123", "130.132.252.244,133.68.164.234",
        "141.223.7.43,141.167.8.160", "141.233.145.108,141.129.237.235"})
    void reproducesTheReferenceVectorsForIpv4(String address, String pseudonym) {
        assertThat(new CryptoPan(REFERENCE_KEY).anonymize(ip(address))).isEqualTo(ip(pseudonym));
        assertThat(new CryptoPan(REFERENCE_KEY, 0).anonymize(ip(address))).isEqualTo(ip(pseudonym));
    }

    @Test
    void reproducesTheReferenceVectorForIpv6() {
        byte[] expected = ip("4401:2bc:603f:d91d:27f:ff8e:e6f1:dc1e");
        assertThat(new CryptoPan(REFERENCE_KEY).anonymize(ip("2001:db8::1"))).isEqualTo(expected);
        assertThat(new CryptoPan(REFERENCE_KEY, 0).anonymize(ip("2001:db8::1"))).isEqualTo(expected);
    }

    @Test
    void cachedResultsEqualComputedOnesAndCollisionsDoNotMixThemUp() {
        CryptoPan cached = new CryptoPan(REFERENCE_KEY, 2); // two slots: constant collisions
        CryptoPan uncached = new CryptoPan(REFERENCE_KEY, 0);
        Random random = new Random(7);
        List<byte[]> addresses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] address = new byte[i % 2 == 0 ? 4 : 16];
            random.nextBytes(address);
            addresses.add(address);
        }
        for (int round = 0; round < 3; round++) {
            for (byte[] address : addresses) {
                assertThat(cached.anonymize(address)).isEqualTo(uncached.anonymize(address));
            }
        }
    }

    @Test
    void preservesPrefixesExactlyForIpv4AndIpv6() {
        CryptoPan pan = new CryptoPan(randomKey(1));
        Random random = new Random(42);
        for (int length : new int[] {4, 16}) {
            for (int i = 0; i < 500; i++) {
                byte[] a = new byte[length];
                random.nextBytes(a);
                int shared = random.nextInt(length * 8); // a and b share exactly this many leading bits
                byte[] b = a.clone();
                flipBit(b, shared);
                for (int bit = shared + 1; bit < length * 8; bit++) {
                    if (random.nextBoolean()) {
                        flipBit(b, bit);
                    }
                }
                assertThat(commonPrefix(pan.anonymize(a), pan.anonymize(b))).as("shared prefix of %s and %s",
                        text(a), text(b)).isEqualTo(shared);
            }
        }
    }

    @Test
    void neverModifiesItsArgument() {
        byte[] address = ip("192.0.2.7");
        byte[] copy = address.clone();
        byte[] pseudonym = new CryptoPan(REFERENCE_KEY).anonymize(address);
        assertThat(address).isEqualTo(copy);
        assertThat(pseudonym).isNotSameAs(address).isNotEqualTo(address);
    }

    @Test
    void anotherKeyGivesOtherPseudonyms() {
        byte[] address = ip("128.11.68.132");
        assertThat(new CryptoPan(randomKey(3)).anonymize(address)).isNotEqualTo(ip("135.242.180.132"));
    }

    @Test
    void rejectsOtherLengthsAndBadKeysWithoutShowingTheKey() {
        CryptoPan pan = new CryptoPan(REFERENCE_KEY);
        assertThatThrownBy(() -> pan.anonymize(new byte[6])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 or 16 bytes");
        assertThatThrownBy(() -> new CryptoPan(new byte[16])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new CryptoPan(REFERENCE_KEY, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(pan.toString()).doesNotContain("21").contains("hidden");
    }

    /** The class is not thread-safe by design; one instance per thread gives the same results everywhere. */
    @Test
    void oneInstancePerThreadAgreesAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Callable<String> job = () -> {
                    CryptoPan own = new CryptoPan(REFERENCE_KEY, 16);
                    StringBuilder all = new StringBuilder();
                    Random random = new Random(5);
                    for (int i = 0; i < 2000; i++) {
                        byte[] address = new byte[4];
                        random.nextBytes(address);
                        all.append(text(own.anonymize(address))).append(' ');
                    }
                    return all.toString();
                };
                results.add(pool.submit(job));
            }
            String first = results.get(0).get();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] randomKey(long seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return key;
    }

    private static void flipBit(byte[] bytes, int bit) {
        bytes[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
    }

    private static int commonPrefix(byte[] a, byte[] b) {
        for (int bit = 0; bit < a.length * 8; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return bit;
            }
        }
        return a.length * 8;
    }
}
