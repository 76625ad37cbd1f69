package org.bwnetflow.connect.bmp.source;

import inet.ipaddr.IPAddress;
import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv6.IPv6Address;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Predicate;
import org.bwnetflow.connect.bmp.source.session.Addresses;

/**
 * Which routers may open a BMP session. Checked on accept, before a byte is read, so nobody else
 * can write routes into the RIB topic. An empty list allows nobody: the door is closed unless the
 * operator names who may pass.
 */
public final class RouterAllowlist implements Predicate<InetAddress> {

    private final List<IPAddress> blocks;

    public RouterAllowlist(List<String> cidrs) {
        this.blocks = cidrs.stream().map(AddressParsing::block).toList();
    }

    /** Whether every IPv4 or every IPv6 address may connect (a block of prefix length 0). */
    boolean allowsAll() {
        return blocks.stream().anyMatch(block -> block.getNetworkPrefixLength() != null
                && block.getNetworkPrefixLength() == 0);
    }

    @Override
    public boolean test(InetAddress router) {
        InetAddress plain = Addresses.unmapped(router);
        IPAddress address = plain instanceof Inet4Address v4 ? new IPv4Address(v4) : new IPv6Address((Inet6Address) plain);
        for (IPAddress block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return blocks.isEmpty() ? "nobody" : blocks.toString();
    }
}
