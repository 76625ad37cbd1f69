package org.bwnetflow.connect.netflow.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import java.util.Random;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.bwnetflow.connect.netflow.testing.Datagrams;
import org.junit.jupiter.api.Test;

/**
 * The decoder under the floods an attacker who can spoof allowed source addresses sends:
 * templates, domains, exporters and interface tables that never decode a flow. State stays
 * within the byte budget (checked after every datagram, and recounted entry by entry), the
 * evictions are counted, and a genuine exporter's flows all decode throughout.
 */
class FloodBoundsTest {

    private static final long BUDGET = 512 * 1024;
    private static final long NOW = 1_700_000_000_000L;
    private static final InetAddress GENUINE = CodecRun.address("192.0.2.1");

    private final Random random = new Random(7);
    private final DecoderSettings settings = new DecoderSettings(60_000, 60_000, BUDGET, 0, Map.of());
    private final CodecRun run = new CodecRun(settings);
    private long genuineSent;
    private long sequence;

    @Test
    void templateDomainAndExporterFloodsStayInTheBudgetAndTheGenuineExporterKeepsDecoding() {
        genuine(true);
        for (int round = 0; round < 400; round++) {
            for (int i = 0; i < 20; i++) {
                InetAddress spoofed = CodecRun.address("10." + random.nextInt(256) + "." + random.nextInt(256) + ".1");
                flood(spoofed, random.nextInt(4) == 0 ? GENUINE : spoofed);
            }
            genuine(round % 50 == 0);
        }
        DecoderCounters c = run.decoder.counters();
        assertThat(run.flows.stream().filter(f -> CodecRun.text(f.exporterAddress()).equals("192.0.2.1")))
                .hasSize((int) genuineSent);
        assertThat(c.evicted(StateKind.TEMPLATE)).isPositive();
        assertThat(c.evicted(StateKind.EXPORTER)).isPositive();
        assertThat(c.evicted(StateKind.DOMAIN)).isPositive();
        assertThat(c.internalErrors()).isZero();
    }

    @Test
    void interfaceTablesWithVeryLongNamesAreCappedAndBounded() {
        genuine(true);
        for (int round = 0; round < 200; round++) {
            InetAddress spoofed = CodecRun.address("10.9." + round + ".1");
            decode(interfaceTable(round, 15, 2000), spoofed);
            decode(interfaceTable(round, 15, 2000), GENUINE); // into the genuine exporter's own domain, too
            genuine(false);
        }
        DomainState domain = run.decoder.exporters().stream().filter(e -> e.address().equals(GENUINE)).findFirst()
                .orElseThrow().domains().stream().filter(d -> d.domainId() == 0).findFirst().orElseThrow();
        assertThat(domain.interfaceTable().values()).isNotEmpty().allSatisfy(info -> {
            assertThat(info.name()).hasSize(InterfaceInfo.MAX_TEXT_LENGTH);
            assertThat(info.description()).hasSize(InterfaceInfo.MAX_TEXT_LENGTH);
        });
        assertThat(run.decoder.counters().evicted(StateKind.INTERFACE)).isPositive();
        assertThat(run.flows.stream().filter(f -> CodecRun.text(f.exporterAddress()).equals("192.0.2.1")))
                .hasSize((int) genuineSent);
    }

    /** The genuine exporter: source id 0, a template once in a while, 10 flows per datagram. */
    private void genuine(boolean withTemplate) {
        Datagrams d = Datagrams.v9(sequence++, 0);
        if (withTemplate) {
            d.v9Template(256, 8, 4, 12, 4, 1, 4, 2, 4);
        }
        d.set(256, 4 + 10 * 16);
        for (int i = 0; i < 10; i++) {
            d.u32(0x0A000000L + i).u32(0xC6336407L).u32(100 + i).u32(1);
        }
        decode(d.bytes(), GENUINE);
        genuineSent += 10;
    }

    /** 20 random templates of up to 200 fields, a random source id, and a data set nobody defined. */
    private void flood(InetAddress from, InetAddress as) {
        Datagrams d = Datagrams.v9(random.nextInt(), random.nextInt(as == GENUINE ? 1000 : 1 << 30));
        for (int t = 0; t < 20; t++) {
            int fields = 1 + random.nextInt(200);
            int[] pairs = new int[fields * 2];
            for (int f = 0; f < fields; f++) {
                pairs[2 * f] = 1 + random.nextInt(400);
                pairs[2 * f + 1] = 1 + random.nextInt(8);
            }
            d.v9Template(256 + random.nextInt(65_000), pairs);
        }
        d.set(256 + random.nextInt(65_000), 4 + 64);
        for (int i = 0; i < 16; i++) {
            d.u32(random.nextInt());
        }
        decode(d.bytes(), as);
    }

    /** An options template (scope: interface) and {@code entries} records with names of {@code length} chars. */
    private byte[] interfaceTable(int seed, int entries, int length) {
        Datagrams d = Datagrams.v9(seed, 0)
                .set(1, 4 + 6 + 12).u16(300).u16(4).u16(8).u16(2).u16(4).u16(82).u16(length).u16(83).u16(length);
        d.set(300, 4 + entries * (4 + 2 * length));
        byte[] name = "x".repeat(length).getBytes();
        for (int i = 0; i < entries; i++) {
            d.u32(seed * 1000L + i).bytes(name).bytes(name);
        }
        return d.bytes();
    }

    private void decode(byte[] datagram, InetAddress exporter) {
        run.decode(datagram, exporter, NOW);
        assertThat(run.decoder.stateBytes()).isLessThanOrEqualTo(BUDGET);
        assertThat(run.decoder.recountStateBytes()).isEqualTo(run.decoder.stateBytes());
    }
}
