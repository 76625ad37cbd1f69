package org.bwnetflow.connect.bgp.speaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A FlowSpec rule (RFC 8955 for IPv4, RFC 8956 for IPv6): traffic to {@code destination}, optionally only from
 * {@code source}, of one IP protocol (IPv6: the upper-layer protocol) and to and from the given ports, is discarded
 * or rate-limited. An empty port list matches every port. Port lists are kept sorted with overlapping and adjacent
 * ranges joined, so one set of ports has one rule and one key.
 *
 * <p>Build one with {@code FlowSpecRule.to("192.0.2.1/32").protocol(17).destinationPorts("53").rateLimit(125_000)}.
 */
public record FlowSpecRule(IpPrefix destination, Optional<IpPrefix> source, OptionalInt protocol, List<PortRange> destinationPorts,
        List<PortRange> sourcePorts, FlowSpecAction action) implements MitigationRoute {

    public FlowSpecRule {
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(action, "action");
        if (source.isPresent() && source.get().isIpv6() != destination.isIpv6()) {
            throw new IllegalArgumentException("the source " + source.get() + " and destination " + destination
                    + " of a FlowSpec rule are of different address families");
        }
        if (protocol.isPresent() && (protocol.getAsInt() < 0 || protocol.getAsInt() > 255)) {
            throw new IllegalArgumentException("an IP protocol is 0-255, not " + protocol.getAsInt());
        }
        destinationPorts = PortRange.canonical(destinationPorts);
        sourcePorts = PortRange.canonical(sourcePorts);
    }

    /** A rule for traffic to {@code destination} (a prefix or an address); finish it with its action. */
    public static Builder to(String destination) {
        return new Builder(IpPrefix.parse(destination));
    }

    public static Builder to(IpPrefix destination) {
        return new Builder(destination);
    }

    /** The same match with another action. */
    public FlowSpecRule withAction(FlowSpecAction other) {
        return new FlowSpecRule(destination, source, protocol, destinationPorts, sourcePorts, other);
    }

    @Override
    public String key() {
        StringBuilder key = new StringBuilder("flowspec dst ").append(destination);
        source.ifPresent(s -> key.append(" src ").append(s));
        protocol.ifPresent(p -> key.append(" proto ").append(p));
        ports(key, " dport ", destinationPorts);
        ports(key, " sport ", sourcePorts);
        return key.toString();
    }

    @Override
    public String describe() {
        return key() + " then " + action;
    }

    private static void ports(StringBuilder key, String name, List<PortRange> ports) {
        if (ports.isEmpty()) {
            return;
        }
        key.append(name);
        for (int i = 0; i < ports.size(); i++) {
            key.append(i == 0 ? "" : ",").append(ports.get(i));
        }
    }

    /** The match conditions of a rule under construction; {@link #discard()} or {@link #rateLimit} makes the rule. */
    public static final class Builder {
        private final IpPrefix destination;
        private IpPrefix source;
        private Integer protocol;
        private final List<PortRange> destinationPorts = new ArrayList<>();
        private final List<PortRange> sourcePorts = new ArrayList<>();

        private Builder(IpPrefix destination) {
            this.destination = Objects.requireNonNull(destination, "destination");
        }

        public Builder from(String sourcePrefix) {
            this.source = IpPrefix.parse(sourcePrefix);
            return this;
        }

        public Builder protocol(int ipProtocol) {
            this.protocol = ipProtocol;
            return this;
        }

        /** Ports or ranges as text: {@code "53"}, {@code "1024-65535"}. */
        public Builder destinationPorts(String... ports) {
            for (String p : ports) {
                destinationPorts.add(PortRange.parse(p));
            }
            return this;
        }

        public Builder destinationPorts(PortRange... ports) {
            destinationPorts.addAll(List.of(ports));
            return this;
        }

        public Builder sourcePorts(String... ports) {
            for (String p : ports) {
                sourcePorts.add(PortRange.parse(p));
            }
            return this;
        }

        public Builder sourcePorts(PortRange... ports) {
            sourcePorts.addAll(List.of(ports));
            return this;
        }

        public FlowSpecRule discard() {
            return then(FlowSpecAction.discard());
        }

        public FlowSpecRule rateLimit(float bytesPerSecond) {
            return then(FlowSpecAction.rateLimit(bytesPerSecond));
        }

        public FlowSpecRule then(FlowSpecAction action) {
            OptionalInt ipProtocol = protocol == null ? OptionalInt.empty() : OptionalInt.of(protocol);
            return new FlowSpecRule(destination, Optional.ofNullable(source), ipProtocol,
                    destinationPorts, sourcePorts, action);
        }
    }
}
