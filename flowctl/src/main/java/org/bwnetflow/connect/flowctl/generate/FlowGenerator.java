package org.bwnetflow.connect.flowctl.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic traffic: the same seed gives the same flows, so a test can compare
 * what was sent with what arrived. Shapes are plausible, not realistic: a few customer
 * prefixes talking to a spread of remote hosts over web, DNS, NTP, SSH and ICMP.
 */
public final class FlowGenerator {

    private static final int[][] SERVICES = {
        {6, 443}, {6, 443}, {6, 443}, {6, 80}, {17, 53}, {17, 123}, {6, 22}, {17, 443}, {1, 0},
    };

    private final SplittableRandom random;
    private final int exporterIndex;

    public FlowGenerator(long seed, int exporterIndex) {
        this.random = new SplittableRandom(seed * 1_000_003L + exporterIndex);
        this.exporterIndex = exporterIndex;
    }

    /** The next {@code n} flows. */
    public List<GeneratedFlow> next(int n) {
        List<GeneratedFlow> flows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            flows.add(next());
        }
        return flows;
    }

    public GeneratedFlow next() {
        boolean ipv6 = random.nextInt(10) == 0;
        int[] service = SERVICES[random.nextInt(SERVICES.length)];
        int proto = service[0];
        boolean egress = random.nextBoolean();
        byte[] local = ipv6 ? localV6() : localV4();
        byte[] remote = ipv6 ? remoteV6() : remoteV4();
        int ephemeral = 32_768 + random.nextInt(28_000);
        long packets = packets(proto);
        long bytes = packets * packetSize(proto);
        int localIf = 1 + exporterIndex * 10 + random.nextInt(4);
        int uplink = 100 + random.nextInt(2);
        int endAgo = random.nextInt(5_000);
        int duration = random.nextInt(60_000);
        int tcpFlags = tcpFlags(proto);
        int tos = random.nextInt(4) * 8;
        long remoteAs = 64_496 + random.nextInt(4);
        int localPort = proto == 1 ? 0 : ephemeral;
        int remotePort = proto == 1 ? 0 : service[1];
        // Each pair is (local side, remote side), swapped into (source, destination) for ingress flows.
        Endpoints e = new Endpoints(egress);
        return new GeneratedFlow(e.src(local, remote), e.dst(local, remote), nextHop(ipv6),
                e.src(localIf, uplink), e.dst(localIf, uplink), packets, bytes, endAgo, duration,
                e.src(localPort, remotePort), e.dst(localPort, remotePort), tcpFlags, proto, tos,
                e.src(64_500L, remoteAs), e.dst(64_500L, remoteAs), ipv6 ? 48 : 24, ipv6 ? 48 : 24, egress ? 1 : 0);
    }

    private long packets(int proto) {
        return 1 + random.nextInt(proto == 6 ? 2_000 : 40);
    }

    /** ICMP echo is 84 bytes; anything else 40 to 1500. */
    private long packetSize(int proto) {
        return proto == 1 ? 84 : 40 + random.nextInt(1_460);
    }

    private int tcpFlags(int proto) {
        return proto == 6 ? 0x10 | random.nextInt(0x20) : 0;
    }

    private byte[] nextHop(boolean ipv6) {
        return ipv6 ? new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
                : new byte[] {(byte) 192, 0, 2, (byte) (1 + exporterIndex % 250)};
    }

    /** Egress flows go from the local side to the remote one, ingress flows the other way. */
    private record Endpoints(boolean egress) {
        <T> T src(T local, T remote) {
            return egress ? local : remote;
        }

        <T> T dst(T local, T remote) {
            return egress ? remote : local;
        }
    }

    /** Customer side: 10.<exporter>.<0-15>.x and 2001:db8:<exporter>::x. */
    private byte[] localV4() {
        return new byte[] {10, (byte) exporterIndex, (byte) random.nextInt(16), (byte) (1 + random.nextInt(254))};
    }

    private byte[] localV6() {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[5] = (byte) exporterIndex;
        a[15] = (byte) (1 + random.nextInt(254));
        return a;
    }

    /** Remote side: documentation and benchmarking ranges, so no real host is named. */
    private byte[] remoteV4() {
        int pick = random.nextInt(3);
        if (pick == 0) {
            return new byte[] {(byte) 198, 51, 100, (byte) (1 + random.nextInt(254))};
        }
        if (pick == 1) {
            return new byte[] {(byte) 203, 0, 113, (byte) (1 + random.nextInt(254))};
        }
        return new byte[] {(byte) 198, (byte) (18 + random.nextInt(2)), (byte) random.nextInt(256),
            (byte) (1 + random.nextInt(254))};
    }

    private byte[] remoteV6() {
        byte[] a = new byte[16];
        a[0] = 0x3f;
        a[1] = (byte) 0xff;
        a[2] = (byte) random.nextInt(256);
        a[15] = (byte) (1 + random.nextInt(254));
        return a;
    }
}
