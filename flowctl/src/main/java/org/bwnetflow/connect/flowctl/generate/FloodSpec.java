package org.bwnetflow.connect.flowctl.generate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * One {@code --flood TARGET_IP,PROTO,DST_PORT,PACKETS_PER_SECOND,BYTES_PER_PACKET[,START_SECOND[,DURATION_SECONDS
 * [,FLOWS_PER_SECOND]]]}: that many packets and bytes per second towards the target, from
 * {@code flowsPerSecond} flows a second, each from a spoofed source, from second {@code startSecond} of the run
 * for {@code durationSeconds} (0: until the run ends).
 */
public record FloodSpec(byte[] target, int proto, int dstPort, long packetsPerSecond, int bytesPerPacket,
        long startSecond, long durationSeconds, int flowsPerSecond) {

    /** Flows a second when the spec does not say: one per packet up to this many. */
    public static final int DEFAULT_FLOWS_PER_SECOND = 100;
    public static final String FORMAT =
            "TARGET_IP,PROTO,DST_PORT,PACKETS_PER_SECOND,BYTES_PER_PACKET[,START_SECOND[,DURATION_SECONDS[,FLOWS_PER_SECOND]]]";

    /** Parses the option's value; an {@link IllegalArgumentException} says what is wrong. */
    public static FloodSpec parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length < 5 || parts.length > 8) {
            throw new IllegalArgumentException("expected " + FORMAT + ", got '" + text + "'");
        }
        byte[] target = address(parts[0].trim());
        int proto = (int) number(parts[1], "PROTO", 0, 255);
        int port = (int) number(parts[2], "DST_PORT", 0, 65_535);
        long pps = number(parts[3], "PACKETS_PER_SECOND", 1, 1_000_000_000_000L);
        int bytesPerPacket = (int) number(parts[4], "BYTES_PER_PACKET", 20, 65_535);
        long start = parts.length > 5 ? number(parts[5], "START_SECOND", 0, 100L * 365 * 86_400) : 0;
        long duration = parts.length > 6 ? number(parts[6], "DURATION_SECONDS", 0, 100L * 365 * 86_400) : 0;
        int flows = parts.length > 7 ? (int) number(parts[7], "FLOWS_PER_SECOND", 1, 100_000)
                : (int) Math.min(pps, DEFAULT_FLOWS_PER_SECOND);
        if (flows > pps) {
            throw new IllegalArgumentException("FLOWS_PER_SECOND " + flows + " exceeds PACKETS_PER_SECOND " + pps
                    + ": every flow carries at least one packet");
        }
        return new FloodSpec(target, proto, port, pps, bytesPerPacket, start, duration, flows);
    }

    /** Whether second {@code s} of the run is one of the flood's. */
    public boolean activeIn(long s) {
        return s >= startSecond && (durationSeconds == 0 || s < startSecond + durationSeconds);
    }

    /** The target as text. */
    public String targetText() {
        try {
            return InetAddress.getByAddress(target).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] address(String text) {
        // Only literals: a name would be looked up in DNS, and a flood names the address it floods.
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && Arrays.stream(text.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        if (!v4 && !text.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            throw new IllegalArgumentException("TARGET_IP must be an IPv4 or IPv6 address, got '" + text + "'");
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("TARGET_IP must be an IPv4 or IPv6 address, got '" + text + "'", e);
        }
    }

    private static long number(String text, String name, long min, long max) {
        try {
            long value = Long.parseLong(text.trim());
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + text + "'", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FloodSpec o && Arrays.equals(target, o.target) && proto == o.proto
                && dstPort == o.dstPort && packetsPerSecond == o.packetsPerSecond && bytesPerPacket == o.bytesPerPacket
                && startSecond == o.startSecond && durationSeconds == o.durationSeconds && flowsPerSecond == o.flowsPerSecond;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(target) * 31 + Long.hashCode(packetsPerSecond);
    }

    @Override
    public String toString() {
        return targetText() + "," + proto + "," + dstPort + "," + packetsPerSecond + "," + bytesPerPacket + ","
                + startSecond + "," + durationSeconds + "," + flowsPerSecond;
    }
}
