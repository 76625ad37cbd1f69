package org.bwnetflow.connect.model.config;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which addresses may reach a source: exporters sending datagrams, routers opening a BMP session.
 * Checked before anything is decoded, so a stranger can neither inject templates nor write
 * routes. An empty list allows nobody: the door is closed unless the operator names who may pass.
 */
public final class AddressAllowlist implements Predicate<InetAddress> {

    private final List<IPAddress> blocks;

    public AddressAllowlist(List<String> cidrs) {
        this.blocks = cidrs.stream().map(AddressParsing::block).toList();
    }

    /** Whether every IPv4 or every IPv6 address may pass (a block of prefix length 0): said at start. */
    public boolean allowsAll() {
        return blocks.stream().anyMatch(block -> block.getNetworkPrefixLength() != null
                && block.getNetworkPrefixLength() == 0);
    }

    @Override
    public boolean test(InetAddress address) {
        return allows(address);
    }

    public boolean allows(InetAddress sender) {
        IPAddress address = sender instanceof Inet4Address
                ? new IPv4Address((Inet4Address) sender)
                : new IPv6Address((Inet6Address) sender);
        for (IPAddress block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        // An IPv4 sender may arrive IPv4-mapped on a dual-stack socket.
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
        return blocks.isEmpty() ? "nobody" : blocks.toString();
    }
}
