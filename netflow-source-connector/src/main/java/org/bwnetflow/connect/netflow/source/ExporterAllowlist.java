package org.bwnetflow.connect.netflow.source;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Which exporters may send us datagrams. Checked before decoding, so a spoofed datagram from
 * elsewhere can neither inject templates nor produce flows. The config requires a list; an empty
 * one (tests building the task directly) allows nothing.
 */
final class ExporterAllowlist implements java.util.function.Predicate<InetAddress> {

    private final List<IPAddress> blocks;

    ExporterAllowlist(List<String> cidrs) {
        this.blocks = cidrs.stream().map(AddressParsing::block).toList();
    }

    /** Whether every IPv4 or every IPv6 address may send (a block of prefix length 0). */
    boolean allowsAll() {
        return blocks.stream().anyMatch(block -> block.getNetworkPrefixLength() != null
                && block.getNetworkPrefixLength() == 0);
    }

    @Override
    public boolean test(InetAddress exporter) {
        return allows(exporter);
    }

    boolean allows(InetAddress exporter) {
        IPAddress address = exporter instanceof Inet4Address
                ? new IPv4Address((Inet4Address) exporter)
                : new IPv6Address((Inet6Address) exporter);
        for (IPAddress block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        // An IPv4 exporter may arrive IPv4-mapped on a dual-stack socket.
        if (address.isIPv6() && address.isIPv4Convertible()) {
            IPAddress v4 = address.toIPv4();
            for (IPAddress block : blocks) {
                if (block.contains(v4)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return blocks.isEmpty() ? "any" : blocks.toString();
    }
}
