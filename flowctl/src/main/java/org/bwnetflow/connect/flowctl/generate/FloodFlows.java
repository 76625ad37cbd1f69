package org.bwnetflow.connect.flowctl.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The flows of one {@code --flood}, second by second of the run: in each of its seconds
 * {@code flowsPerSecond} flows towards the target that carry exactly {@code packetsPerSecond} packets
 * (spread as evenly as whole packets allow) of {@code bytesPerPacket} bytes each, every flow from a
 * random spoofed source and port. A second's flows go out in as few datagrams as
 * {@code --flows-per-datagram} allows, spread evenly over the second. The generator sets no sampling
 * rate, so these are the rates a collector computes. Deterministic for a seed and the flood's place
 * among the floods; independent of the normal flows, which stay what they are without a flood.
 */
public final class FloodFlows {

    private static final long NANOS = 1_000_000_000L;

    private final FloodSpec spec;
    private final SplittableRandom random;
    private final int datagramsPerSecond;
    private final FloodTotals totals;
    private long second;
    private int datagram;

    public FloodFlows(FloodSpec spec, long seed, int index, int flowsPerDatagram) {
        this.spec = spec;
        this.random = new SplittableRandom((seed ^ 0x0F10_0D5E_ED00_0000L) * 1_000_033L + index);
        this.datagramsPerSecond = (spec.flowsPerSecond() + flowsPerDatagram - 1) / flowsPerDatagram;
        this.totals = new FloodTotals(spec);
        this.second = spec.startSecond();
    }

    public FloodSpec spec() {
        return spec;
    }

    public FloodTotals totals() {
        return totals;
    }

    /** When the next datagram is due, in nanoseconds after the start of the run; Long.MAX_VALUE when the flood is over. */
    public long nextDueNanos() {
        if (!spec.activeIn(second)) {
            return Long.MAX_VALUE;
        }
        return second * NANOS + datagram * NANOS / datagramsPerSecond;
    }

    /** The second of the run the next datagram belongs to. */
    public long nextSecond() {
        return second;
    }

    /** The flows of the next datagram, sent by exporter {@code exporterIndex} (0 is the first); moves on. */
    public List<GeneratedFlow> nextDatagram(int exporterIndex) {
        int flowsPerSecond = spec.flowsPerSecond();
        int first = (int) ((long) datagram * flowsPerSecond / datagramsPerSecond);
        int end = (int) ((long) (datagram + 1) * flowsPerSecond / datagramsPerSecond);
        List<GeneratedFlow> flows = new ArrayList<>(end - first);
        for (int k = first; k < end; k++) {
            flows.add(flow(packetsOf(k), exporterIndex));
        }
        if (++datagram == datagramsPerSecond) {
            datagram = 0;
            second++;
        }
        return flows;
    }

    /** Packets of the {@code k}-th flow of a second: the second's packets shared out, the remainder to the first flows. */
    long packetsOf(int k) {
        long pps = spec.packetsPerSecond();
        int flows = spec.flowsPerSecond();
        return pps / flows + (k < pps % flows ? 1 : 0);
    }

    private GeneratedFlow flow(long packets, int exporterIndex) {
        boolean ipv6 = spec.target().length == 16;
        byte[] source = ipv6 ? spoofedV6() : spoofedV4();
        int proto = spec.proto();
        int srcPort = proto == 1 || proto == 58 ? 0 : 1_024 + random.nextInt(64_512);
        int tcpFlags = proto == 6 ? 0x02 : 0; // a SYN flood
        int localIf = 1 + exporterIndex * 10 + random.nextInt(4);
        int uplink = 100 + random.nextInt(2);
        byte[] nextHop = ipv6 ? new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
                : new byte[] {(byte) 192, 0, 2, (byte) (1 + exporterIndex % 250)};
        return new GeneratedFlow(source, spec.target().clone(), nextHop, uplink, localIf, packets,
                packets * spec.bytesPerPacket(), random.nextInt(1_000), random.nextInt(1_000), srcPort, spec.dstPort(),
                tcpFlags, proto, 0, 64_496L + random.nextInt(16), 64_500L, ipv6 ? 48 : 24, ipv6 ? 48 : 24, 0);
    }

    /** A random unicast address outside 0/8, 10/8 (the generated customers), 127/8 and multicast or reserved space. */
    private byte[] spoofedV4() {
        while (true) {
            int a = random.nextInt();
            int first = a >>> 24;
            if (first != 0 && first != 10 && first != 127 && first < 224) {
                return new byte[] {(byte) first, (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
            }
        }
    }

    /** A random address of 2000::/3 outside 2001:db8::/32 (the generated customers). */
    private byte[] spoofedV6() {
        while (true) {
            byte[] a = new byte[16];
            random.nextBytes(a);
            a[0] = (byte) (0x20 | (a[0] & 0x1f));
            if (!(a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == (byte) 0xb8)) {
                return a;
            }
        }
    }
}
