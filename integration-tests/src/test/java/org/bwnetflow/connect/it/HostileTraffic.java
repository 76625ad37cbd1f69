package org.bwnetflow.connect.it;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.bwnetflow.connect.netflow.testing.Datagrams;

/**
 * Datagrams an attacker who can spoof allowed source addresses sends: well-formed enough to be
 * kept, so they cost state, but never decoding a flow. Templates use ids 300-32767 and data sets
 * ids 32768-65535, so no flood data set ever matches a flood template (and none touches the
 * genuine exporters' templates 256 and 257): what the flood makes the decoder keep is unproven.
 *
 * <p>Mix: template floods (100 random templates of 1-12 fields, random domain), domain floods
 * (a random 32-bit domain id per datagram), interface tables with 1000-character names, extreme
 * templates (1024 fields, zero-length and variable-length fields, enterprise fields), random
 * bodies behind valid headers, and malformed datagrams.
 */
final class HostileTraffic {

    static final int SOURCES = 11_000;
    private static final int FIRST_TEMPLATE = 300;
    private static final int TEMPLATE_IDS = 32_768 - FIRST_TEMPLATE;
    private static final int FIRST_ORPHAN_SET = 32_768;

    private final Random random;
    private final InetAddress[] genuine;
    private final long[] kinds = new long[6];

    HostileTraffic(long seed, InetAddress... genuine) {
        this.random = new Random(seed);
        this.genuine = genuine;
    }

    /** One of {@link #SOURCES} spoofed loopback addresses (127.1.0.1 ...), or now and then a genuine exporter's. */
    InetAddress source() {
        if (random.nextInt(10) == 0) {
            return genuine[random.nextInt(genuine.length)];
        }
        int i = random.nextInt(SOURCES);
        try {
            return InetAddress.getByAddress(new byte[] {127, 1, (byte) (i / 250), (byte) (1 + i % 250)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] next() {
        int roll = random.nextInt(100);
        int kind = roll < 30 ? 0 : roll < 50 ? 1 : roll < 60 ? 2 : roll < 70 ? 3 : roll < 90 ? 4 : 5;
        kinds[kind]++;
        return switch (kind) {
            case 0 -> templateFlood();
            case 1 -> domainFlood();
            case 2 -> interfaceTable();
            case 3 -> extremeTemplate();
            case 4 -> randomBody();
            default -> malformed();
        };
    }

    /** Datagrams sent so far by kind: templates, domains, interface tables, extreme, random bodies, malformed. */
    long[] kinds() {
        return kinds.clone();
    }

    private Datagrams header(long domain) {
        return random.nextBoolean() ? Datagrams.v9(random.nextInt(), domain) : Datagrams.ipfix(random.nextInt(), domain);
    }

    private boolean isIpfix(Datagrams d) {
        return d.bytes()[1] == 10;
    }

    private byte[] templateFlood() {
        Datagrams d = header(random.nextInt(8));
        boolean ipfix = isIpfix(d);
        for (int t = 0; t < 100; t++) {
            int fields = 1 + random.nextInt(12);
            int[] pairs = new int[fields * 2];
            for (int f = 0; f < fields; f++) {
                pairs[2 * f] = 1 + random.nextInt(400);
                pairs[2 * f + 1] = 1 + random.nextInt(16);
            }
            int id = FIRST_TEMPLATE + random.nextInt(TEMPLATE_IDS);
            if (ipfix) {
                d.ipfixTemplate(id, pairs);
            } else {
                d.v9Template(id, pairs);
            }
        }
        return d.bytes();
    }

    private byte[] domainFlood() {
        Datagrams d = header(random.nextInt() & 0xFFFF_FFFFL);
        int id = FIRST_TEMPLATE + random.nextInt(TEMPLATE_IDS);
        return (isIpfix(d) ? d.ipfixTemplate(id, 8, 4, 12, 4, 1, 8, 2, 8, 4, 1) : d.v9Template(id, 8, 4, 12, 4, 1, 8, 2, 8, 4, 1))
                .bytes();
    }

    /** A v9 options template (scope: interface) and 25 records of 1000-character name and description. */
    private byte[] interfaceTable() {
        int length = 1000;
        int id = FIRST_TEMPLATE + random.nextInt(TEMPLATE_IDS);
        Datagrams d = Datagrams.v9(random.nextInt(), random.nextInt(4))
                .set(1, 4 + 6 + 12).u16(id).u16(4).u16(8).u16(2).u16(4).u16(82).u16(length).u16(83).u16(length);
        d.set(id, 4 + 25 * (4 + 2 * length));
        byte[] text = new byte[length];
        for (int i = 0; i < 25; i++) {
            for (int c = 0; c < length; c++) {
                text[c] = (byte) ('a' + random.nextInt(26));
            }
            d.u32(random.nextInt(1_000_000)).bytes(text).bytes(text);
        }
        return d.bytes();
    }

    private byte[] extremeTemplate() {
        int id = FIRST_TEMPLATE + random.nextInt(TEMPLATE_IDS);
        switch (random.nextInt(4)) {
            case 0 -> { // the most fields a template may have
                int[] pairs = new int[1024 * 2];
                for (int f = 0; f < 1024; f++) {
                    pairs[2 * f] = 1 + random.nextInt(400);
                    pairs[2 * f + 1] = 1 + random.nextInt(4);
                }
                return Datagrams.v9(random.nextInt(), random.nextInt(8)).v9Template(id, pairs).bytes();
            }
            case 1 -> { // fields of length zero: a template that describes nothing
                return Datagrams.v9(random.nextInt(), random.nextInt(8)).v9Template(id, 8, 0, 12, 0, 1, 0).bytes();
            }
            case 2 -> { // IPFIX variable-length fields
                return Datagrams.ipfix(random.nextInt(), random.nextInt(8))
                        .ipfixTemplate(id, 82, 65_535, 83, 65_535, 8, 4, 94, 65_535).bytes();
            }
            default -> { // IPFIX enterprise fields (skipped by the decoder, but kept in the template)
                Datagrams d = Datagrams.ipfix(random.nextInt(), random.nextInt(8)).set(2, 4 + 4 + 200 * 8).u16(id).u16(200);
                for (int f = 0; f < 200; f++) {
                    d.u16(0x8000 | (1 + random.nextInt(400))).u16(1 + random.nextInt(8)).u32(random.nextInt());
                }
                return d.bytes();
            }
        }
    }

    private byte[] randomBody() {
        Datagrams d = header(random.nextInt(8));
        int sets = 1 + random.nextInt(5);
        for (int s = 0; s < sets; s++) {
            int length = 4 + 4 * random.nextInt(100);
            d.set(FIRST_ORPHAN_SET + random.nextInt(32_768), length);
            byte[] body = new byte[length - 4];
            random.nextBytes(body);
            d.bytes(body);
        }
        return d.bytes();
    }

    private byte[] malformed() {
        byte[] junk = new byte[random.nextInt(300)];
        random.nextBytes(junk);
        ByteBuffer b = ByteBuffer.wrap(junk);
        if (junk.length >= 2) {
            b.putShort((short) (random.nextBoolean() ? 9 : 10)); // a known version, a nonsense rest
        }
        return junk;
    }
}
