package org.bwnetflow.connect.enrich.geo;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import java.util.function.ToIntFunction;
import org.bwnetflow.connect.enrich.ranges.AddressWords;
import org.bwnetflow.connect.enrich.ranges.AscendingNetworks;
import org.bwnetflow.connect.enrich.ranges.PrefixRanges;

/**
 * Compiles a MaxMind database into a {@link PrefixRanges}: walks every network of its search tree
 * (MaxMind's reader iterates them in address order, decoding each record into our small class)
 * and keeps the number a record gives. What a lookup in the tree answers, the table answers:
 *
 * <ul>
 * <li>The IPv4 part of an IPv6 database is the subtree at ::/96; an IPv4 address is looked up
 * there, so its networks become the IPv4 table (and ::a.b.c.d is looked up in it).</li>
 * <li>The tree aliases ::ffff:0:0/96 to that subtree; Java reads those addresses as IPv4
 * anyway, so the alias adds nothing. The other aliases (6to4 2002::/16, Teredo 2001::/32) are
 * walked as the IPv6 networks they are.</li>
 * </ul>
 */
final class TreeCompiler {

    private static final int IPV4_SUBTREE = 96;

    private TreeCompiler() {
    }

    /**
     * The table of a database's networks, each with the value its record gives (0: none).
     *
     * @throws com.maxmind.db.NetworksIterationException and other runtime exceptions of the reader on a corrupt tree or record
     */
    static <T> PrefixRanges compile(Reader reader, Class<T> recordType, ToIntFunction<T> value) throws Exception {
        AscendingNetworks networks = new AscendingNetworks();
        boolean ipv6Tree = reader.getMetadata().getIpVersion() == 6;
        Networks<T> walk = reader.networks(true, recordType);
        while (walk.hasNext()) {
            DatabaseRecord<T> record = walk.next();
            byte[] address = record.getNetwork().getNetworkAddress().getAddress();
            int length = record.getNetwork().getPrefixLength();
            int number = record.getData() == null ? 0 : value.applyAsInt(record.getData());
            if (address.length == 4) {
                if (!ipv6Tree) {
                    networks.addIpv4(AddressWords.ipv4(address), length, number);
                }
                continue; // in an IPv6 tree: the ::ffff:0:0/96 alias of the IPv4 subtree
            }
            long high = AddressWords.high(address);
            long low = AddressWords.low(address);
            boolean inIpv4Subtree = high == 0 && low >>> 32 == 0;
            if (inIpv4Subtree && length >= IPV4_SUBTREE) {
                networks.addIpv4((int) low, length - IPV4_SUBTREE, number);
                continue;
            }
            if (high == 0 && low == 0) {
                networks.addIpv4(0, 0, number); // a network around all of ::/96 holds every IPv4 address
            }
            networks.addIpv6(high, low, length, number);
        }
        return networks.build();
    }
}
