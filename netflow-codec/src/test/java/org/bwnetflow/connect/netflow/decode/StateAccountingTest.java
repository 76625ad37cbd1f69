package org.bwnetflow.connect.netflow.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.InetAddress;
import java.util.Map;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.bwnetflow.connect.netflow.testing.Datagrams;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * The budget charges estimates ({@link StateSizes}); this measures the real object graph of the
 * decoder's state with JOL and fails when the estimates drift more than 10% from it, for each
 * kind of state: exporters, domains, templates, interface entries, sampler rates.
 */
class StateAccountingTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final double TOLERANCE = 0.10;

    private final NetFlowDecoder decoder = new NetFlowDecoder(
            new DecoderSettings(3_600_000, 3_600_000, 1L << 30, 0, Map.of()), StateListener.NONE);

    @Test
    void exportersWithADomainEach() {
        assertAccounted(() -> {
            for (int i = 0; i < 4000; i++) {
                decode(Datagrams.v9(1, 0).bytes(), "10.0." + (i >> 8) + "." + (i & 255));
            }
        });
    }

    @Test
    void ipv6Exporters() {
        assertAccounted(() -> {
            for (int i = 0; i < 4000; i++) {
                decode(Datagrams.v9(1, 0).bytes(), "2001:db8::" + Integer.toHexString(i + 1));
            }
        });
    }

    @Test
    void manyDomainsOfOneExporter() {
        assertAccounted(() -> {
            for (int i = 0; i < 4000; i++) {
                decode(Datagrams.ipfix(1, i).bytes(), "192.0.2.1");
            }
        });
    }

    @Test
    void templatesOfTypicalAndLargeSize() {
        assertAccounted(() -> {
            for (int d = 0; d < 200; d++) {
                Datagrams datagram = Datagrams.v9(1, d);
                for (int t = 0; t < 10; t++) {
                    int fields = t < 8 ? 25 : 200;
                    int[] pairs = new int[fields * 2];
                    for (int f = 0; f < fields; f++) {
                        pairs[2 * f] = 1 + f;
                        pairs[2 * f + 1] = 4;
                    }
                    datagram.v9Template(256 + t, pairs);
                }
                decode(datagram.bytes(), "192.0.2.1");
            }
        });
    }

    @Test
    void enterpriseTemplates() {
        assertAccounted(() -> {
            for (int d = 0; d < 300; d++) {
                Datagrams datagram = Datagrams.ipfix(1, d).set(2, 4 + 4 + 40 * 8).u16(256).u16(40);
                for (int f = 0; f < 40; f++) {
                    datagram.u16(0x8000 | f).u16(4).u32(29305);
                }
                decode(datagram.bytes(), "192.0.2.1");
            }
        });
    }

    @Test
    void interfaceTables() {
        assertAccounted(() -> {
            for (int d = 0; d < 20; d++) {
                Datagrams datagram = Datagrams.v9(1, d)
                        .set(1, 4 + 6 + 12).u16(300).u16(4).u16(8).u16(2).u16(4).u16(82).u16(24).u16(83).u16(48);
                datagram.set(300, 4 + 500 * 76);
                for (int i = 0; i < 500; i++) {
                    datagram.u32(i).bytes(String.format("%-24s", "ge-0/0/" + i).getBytes())
                            .bytes(String.format("%-48s", "uplink to customer " + d + "-" + i).getBytes());
                }
                decode(datagram.bytes(), "192.0.2.1");
            }
        });
    }

    @Test
    void samplerRates() {
        assertAccounted(() -> {
            for (int d = 0; d < 20; d++) {
                Datagrams datagram = Datagrams.v9(1, d)
                        .set(1, 4 + 6 + 12).u16(300).u16(4).u16(8).u16(1).u16(4).u16(48).u16(4).u16(34).u16(4);
                datagram.set(300, 4 + 500 * 12);
                for (int i = 0; i < 500; i++) {
                    datagram.u32(0).u32(i + 1).u32(100 + i);
                }
                decode(datagram.bytes(), "192.0.2.1");
            }
        });
    }

    private void decode(byte[] datagram, String exporter) {
        InetAddress address = CodecRun.address(exporter);
        decoder.decode(datagram, 0, datagram.length, address, NOW, flow -> { });
    }

    private void assertAccounted(Runnable fill) {
        String name = StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow().getMethodName());
        long measuredBefore = GraphLayout.parseInstance(decoder).totalSize();
        long chargedBefore = decoder.stateBytes();
        fill.run();
        long measured = GraphLayout.parseInstance(decoder).totalSize() - measuredBefore;
        long charged = decoder.stateBytes() - chargedBefore;
        System.out.printf("%s: charged %,d bytes, measured %,d bytes (%.3f)%n", name, charged, measured, (double) charged / measured);
        assertThat(decoder.recountStateBytes()).isEqualTo(decoder.stateBytes());
        assertThat((double) charged).isCloseTo(measured, within(measured * TOLERANCE));
    }
}
