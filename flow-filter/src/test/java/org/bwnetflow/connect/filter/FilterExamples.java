package org.bwnetflow.connect.filter;

import java.util.List;
import java.util.Set;

/** Filter expressions and the example flows ({@link ExampleFlows}) each matches: the table test, property test and fuzz seeds. */
final class FilterExamples {

    record Example(String filter, Set<String> matches) {
    }

    private static final Set<String> ALL = Set.of("dns4", "web6", "icmp4", "empty");

    static final List<Example> EXAMPLES = List.of(
            example("", ALL),
            example("any", ALL),
            example("ALL", ALL),
            // addresses and prefixes, IPv4 and IPv6
            example("host 10.1.2.3", "dns4"),
            example("ip 10.9.9.9", "icmp4"),
            example("src host 10.1.2.3", "dns4"),
            example("dst host 10.1.2.3"),
            example("src net 10.0.0.0/8", "dns4"),
            example("net 10.0.0.0/8", "dns4", "icmp4"),
            example("dst net 10.0.0.0/8", "icmp4"),
            example("net 10.0.0.0 mask 255.0.0.0", "dns4", "icmp4"),
            example("net 2001:db8::/32", "web6"),
            example("dst net 2001:db8:1::/48", "web6"),
            example("src net 2001:db8:1::/48"),
            example("host 2001:db8::1", "web6"),
            example("host 2001:DB8:0:0::1", "web6"),
            example("net 0.0.0.0/0", "dns4", "icmp4"),
            example("net ::/0", ALL),
            example("net ::ffff:10.0.0.0/104", "dns4", "icmp4"),
            example("host != 10.1.2.3", "dns4", "web6", "icmp4", "empty"),
            example("src host != 10.1.2.3", "web6", "icmp4", "empty"),
            example("src host in [10.1.2.3 2001:db8::1]", "dns4", "web6"),
            example("src net in [10.0.0.0/8, 172.16.0.0/12]", "dns4", "icmp4"),
            example("inet", "dns4", "icmp4"),
            example("ipv6", "web6"),
            example("not inet and not inet6", "empty"),
            example("exporter 198.51.100.1", "dns4"),
            example("exporter 2001:db8::fe", "web6"),
            example("exporter 198.51.100.0/24", "dns4"),
            example("next ip 192.0.2.254", "dns4"),
            example("nexthop net 192.0.2.0/24", "dns4"),
            // ports, protocols, numbers
            example("port 53", "dns4"),
            example("dst port 53", "dns4"),
            example("src port 53"),
            example("port in [ 80 443 ]", "web6"),
            example("port in [80,443,53]", "dns4", "web6"),
            example("dst port > 1024", "web6"),
            example("src port >= 40000", "dns4"),
            example("dst port <= 53", "dns4", "icmp4", "empty"),
            example("dst port != 53", "web6", "icmp4", "empty"),
            example("port == 443", "web6"),
            example("proto udp", "dns4"),
            example("proto TCP", "web6"),
            example("proto icmp", "icmp4"),
            example("proto 17", "dns4"),
            example("proto in [tcp udp]", "dns4", "web6"),
            example("proto ipv6-icmp"),
            example("proto != 0", "dns4", "web6", "icmp4"),
            example("as 15169", "dns4"),
            example("src as 64500", "web6"),
            example("dst as 64500", "web6"),
            example("as in [64501 64500]", "dns4", "web6"),
            example("next as 64510", "dns4"),
            example("nexthop as 64510", "dns4"),
            example("in if 3", "dns4"),
            example("out if 2147483651", "web6"),
            example("if 7", "dns4", "web6"),
            example("in if name et-0/0/1", "dns4"),
            example("out if name \"ae0\"", "dns4"),
            example("if name ae0", "dns4"),
            example("country DE", "dns4"),
            example("country de", "dns4"),
            example("src country CN", "icmp4"),
            example("dst country in [US NL]", "dns4", "web6"),
            example("dst country != US", "web6", "icmp4", "empty"),
            example("cid 1200", "dns4"),
            example("cid in [1200 1300]", "dns4", "web6"),
            example("bytes > 1000", "dns4", "web6"),
            example("bytes >= 100k", "web6"),
            example("bytes > 1k and bytes < 2k", "dns4"),
            example("bytes < 1M", "dns4", "web6", "icmp4", "empty"),
            example("packets = 1", "icmp4"),
            example("packets > 2 and packets < 100", "dns4", "web6"),
            // fields by name, the old flowctl syntax
            example("SrcAS = 15169"),
            example("DstAS=15169", "dns4"),
            example("SrcAddr=10.0.0.0/8", "dns4"),
            example("dstaddr=192.0.2.53", "dns4"),
            example("SrcAddr != 10.1.2.3", "web6", "icmp4", "empty"),
            example("SrcPort=443", "web6"),
            example("Proto=6", "web6"),
            example("Cid=1300", "web6"),
            example("Bytes=64", "icmp4"),
            example("Etype = 0x86DD", "web6"),
            example("IcmpType = 8", "icmp4"),
            example("HasMPLS = true", "dns4"),
            example("HasMPLS = 0", "web6", "icmp4", "empty"),
            example("Type = 4", "dns4"),
            example("SrcCountry = DE", "dns4"),
            example("SrcCountry = \"\"", "web6", "empty"),
            example("SrcCountry != \"\"", "dns4", "icmp4"),
            example("Note = \"say \\\"hi\\\"\"", "web6"),
            example("DstCountry in [US NL]", "dns4", "web6"),
            example("SrcIfName = et-0/0/1", "dns4"),
            example("TimeFlowStart >= 1796000000", "dns4"),
            example("OutIf > 2147483647", "web6"),
            example("DstAsPath contains 64500", "dns4"),
            example("SrcAsPath contains 64500", "web6"),
            example("DstAsPath contains 1"),
            example("DstCommunities contains 64500:100", "dns4"),
            example("SamplerAddress = 198.51.100.1", "dns4"),
            // boolean structure and precedence
            example("proto udp and dst port 53", "dns4"),
            example("proto udp && dst port 53", "dns4"),
            example("proto tcp or proto udp", "dns4", "web6"),
            example("proto tcp || proto udp", "dns4", "web6"),
            example("not proto udp", "web6", "icmp4", "empty"),
            example("! proto udp", "web6", "icmp4", "empty"),
            example("!proto udp", "web6", "icmp4", "empty"),
            example("proto icmp or proto udp and port 443", "icmp4"),
            example("(proto icmp or proto udp) and port 53", "dns4"),
            example("proto tcp or proto udp and port 53", "dns4", "web6"),
            example("not proto udp and inet", "icmp4"),
            example("not (proto udp and inet)", "web6", "icmp4", "empty"),
            example("not not proto udp", "dns4"),
            example("src net 10.0.0.0/8 and proto udp and dst port 53 and bytes > 1000 and not dst as 64500", "dns4"),
            example("NOT proto UDP AND country us OR Cid = 1300", "web6"),
            example("((any))", ALL));

    private FilterExamples() {
    }

    private static Example example(String filter, String... matches) {
        return new Example(filter, Set.of(matches));
    }

    private static Example example(String filter, Set<String> matches) {
        return new Example(filter, matches);
    }
}
