package org.bwnetflow.connect.bgp.speaker.gobgp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bwnetflow.connect.bgp.speaker.Community;
import org.bwnetflow.connect.bgp.speaker.LargeCommunity;
import org.bwnetflow.connect.bgp.speaker.StandardCommunity;

/**
 * Where gobgpd's gRPC API is and how the speaker uses it.
 *
 * @param host the API's address (gobgpd's {@code --api-hosts}), e.g. 127.0.0.1
 * @param port the API's port (gobgpd's default is 50051)
 * @param marker the community every route of this system carries and no other route does: a large community
 *     {@code ASN:666:1} of the operator's AS, or a standard {@code ASN:value}; well-known communities (0:x, 65535:x) are
 *     refused
 * @param deadline how long any one call (announce, withdraw, announced) may take in all before it fails
 * @param tlsTrustedCertificates a PEM file of the certificates that may sign gobgpd's API certificate ({@code --tls}
 *     {@code --tls-cert-file}); empty for plaintext, which belongs on loopback only
 * @param tlsServerName the name gobgpd's certificate is checked against, when it is not {@code host}
 * @param minFlowSpecPrefixIpv4 the shortest IPv4 destination prefix a FlowSpec rule may have (a guard against rules
 *     that would discard or throttle whole networks)
 * @param minFlowSpecPrefixIpv6 the same for IPv6
 */
public record GobgpSpeakerConfig(String host, int port, Community marker, Duration deadline, Optional<Path> tlsTrustedCertificates,
        Optional<String> tlsServerName, int minFlowSpecPrefixIpv4, int minFlowSpecPrefixIpv6) {

    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);
    public static final int DEFAULT_MIN_FLOWSPEC_PREFIX_IPV4 = 24;
    public static final int DEFAULT_MIN_FLOWSPEC_PREFIX_IPV6 = 48;

    public GobgpSpeakerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(tlsTrustedCertificates, "tlsTrustedCertificates");
        Objects.requireNonNull(tlsServerName, "tlsServerName");
        if (host.isBlank()) {
            throw new IllegalArgumentException("no host of gobgpd's API given");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("gobgpd's API port is 1-65535, not " + port);
        }
        checkMarker(marker);
        if (deadline.compareTo(Duration.ofMillis(100)) < 0 || deadline.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("the deadline is 100 ms to 10 min, not " + deadline);
        }
        if (minFlowSpecPrefixIpv4 < 0 || minFlowSpecPrefixIpv4 > 32 || minFlowSpecPrefixIpv6 < 0 || minFlowSpecPrefixIpv6 > 128) {
            throw new IllegalArgumentException("minimum FlowSpec prefix lengths are 0-32 and 0-128, not " + minFlowSpecPrefixIpv4 + " and "
                    + minFlowSpecPrefixIpv6);
        }
    }

    private static void checkMarker(Community marker) {
        if (marker instanceof StandardCommunity s && (s.asn() == 0 || s.asn() == 65535)) {
            throw new IllegalArgumentException("the marker " + marker + " is a well-known or reserved community (0:x, 65535:x);"
                    + " use one of the operator's AS, e.g. ASN:666:1");
        }
        if (marker instanceof LargeCommunity l && l.globalAdmin() == 0) {
            throw new IllegalArgumentException("the marker " + marker + " has global administrator 0; use the operator's AS");
        }
    }

    /** Plaintext to {@code host:port}, the default deadline (5 s) and FlowSpec guards (/24, /48). */
    public static GobgpSpeakerConfig of(String host, int port, Community marker) {
        return new GobgpSpeakerConfig(host, port, marker, DEFAULT_DEADLINE, Optional.empty(), Optional.empty(),
                DEFAULT_MIN_FLOWSPEC_PREFIX_IPV4, DEFAULT_MIN_FLOWSPEC_PREFIX_IPV6);
    }

    public GobgpSpeakerConfig withDeadline(Duration value) {
        return new GobgpSpeakerConfig(host, port, marker, value, tlsTrustedCertificates, tlsServerName, minFlowSpecPrefixIpv4,
                minFlowSpecPrefixIpv6);
    }

    /** TLS to the API, gobgpd's certificate checked against these PEM certificates (and {@code host}, or the server name). */
    public GobgpSpeakerConfig withTls(Path trustedCertificates, Optional<String> serverName) {
        return new GobgpSpeakerConfig(host, port, marker, deadline, Optional.of(trustedCertificates), serverName, minFlowSpecPrefixIpv4,
                minFlowSpecPrefixIpv6);
    }

    public GobgpSpeakerConfig withMinFlowSpecPrefixes(int ipv4, int ipv6) {
        return new GobgpSpeakerConfig(host, port, marker, deadline, tlsTrustedCertificates, tlsServerName, ipv4, ipv6);
    }

    /** {@code host:port}, IPv6 in brackets: how messages name the speaker. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
