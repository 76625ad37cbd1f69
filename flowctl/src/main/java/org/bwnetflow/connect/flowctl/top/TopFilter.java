package org.bwnetflow.connect.flowctl.top;

import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.PROTO_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.ProtocolNumbers;
import org.bwnetflow.connect.flowctl.tail.FlowFilter;
import org.bwnetflow.connect.model.Flows;

/**
 * The flows {@code flowctl top} counts: all conditions given must hold. A network matches either
 * address, a port either port; a protocol is a number, an IANA keyword (tcp, ipv6-icmp) or a name
 * the enrichment was configured to give (compared with ProtoName).
 */
final class TopFilter implements Predicate<Struct> {

    private Predicate<Struct> condition = flow -> true;
    private final List<String> description = new ArrayList<>();

    TopFilter(String network, Integer port, String protocol, Long cid) {
        if (network != null) {
            IPAddress prefix = parseNetwork(network);
            byte[] bytes = prefix.getLower().getBytes();
            int length = prefix.getNetworkPrefixLength() == null ? bytes.length * 8 : prefix.getNetworkPrefixLength();
            require(flow -> FlowFilter.inPrefix(Flows.bytes(flow, SRC_ADDR), bytes, length)
                    || FlowFilter.inPrefix(Flows.bytes(flow, DST_ADDR), bytes, length));
            description.add("net " + prefix.toPrefixBlock());
        }
        if (port != null) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("--port must be between 0 and 65535");
            }
            require(flow -> Flows.number(flow, SRC_PORT) == port || Flows.number(flow, DST_PORT) == port);
            description.add("port " + port);
        }
        if (protocol != null) {
            require(protocolCondition(protocol));
            description.add("proto " + protocol);
        }
        if (cid != null) {
            require(flow -> Flows.number(flow, CID) == cid);
            description.add("cid " + cid);
        }
    }

    @Override
    public boolean test(Struct flow) {
        return condition.test(flow);
    }

    private void require(Predicate<Struct> more) {
        condition = condition.and(more);
    }

    /** The conditions for the header, e.g. {@code net 192.0.2.0/24 proto udp}; empty when none. */
    String description() {
        return String.join(" ", description);
    }

    private static IPAddress parseNetwork(String network) {
        try {
            IPAddress address = new IPAddressString(network).toAddress();
            if (address.getNetworkPrefixLength() != null && !address.isPrefixBlock()) {
                throw new IllegalArgumentException("--net " + network + " has host bits set; did you mean "
                        + address.toPrefixBlock() + "?");
            }
            return address;
        } catch (AddressStringException e) {
            throw new IllegalArgumentException("--net " + network + " is not an address or CIDR prefix", e);
        }
    }

    private static Predicate<Struct> protocolCondition(String protocol) {
        if (protocol.chars().allMatch(Character::isDigit)) {
            long number = Long.parseLong(protocol);
            if (number > 255) {
                throw new IllegalArgumentException("--proto must be a number up to 255 or a name");
            }
            return flow -> Flows.number(flow, PROTO) == number;
        }
        String[] registry = ProtocolNumbers.table();
        for (int number = 0; number < registry.length; number++) {
            if (protocol.equalsIgnoreCase(registry[number])) {
                long wanted = number;
                return flow -> Flows.number(flow, PROTO) == wanted;
            }
        }
        // not an IANA keyword: a name an operator configured (ProtoName's name.overrides)
        String name = protocol.toUpperCase(Locale.ROOT);
        return flow -> Flows.text(flow, PROTO_NAME).toUpperCase(Locale.ROOT).equals(name);
    }
}
