package org.bwnetflow.connect.flowctl.bogons;

import static org.assertj.core.api.Assertions.assertThat;

import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecialPurposeRegistryTest {

    private static final SpecialPurposeRegistry REGISTRY = SpecialPurposeRegistry.bundled();

    @ParameterizedTest
    @CsvSource({
        "10.1.2.3, Private-Use",
        "172.31.255.255, Private-Use",
        "100.64.0.1, Shared Address Space",
        "127.0.0.10, Loopback",
        "169.254.1.1, Link Local",
        "192.0.0.8, IPv4 dummy address",
        "192.0.2.77, Documentation (TEST-NET-1)",
        "198.19.0.1, Benchmarking",
        "203.0.113.9, Documentation (TEST-NET-3)",
        "224.0.0.251, Multicast",
        "255.255.255.255, Limited Broadcast",
        "::1, Loopback Address",
        "2001:db8::1, Documentation",
        "2001:2::1, Benchmarking",
        "3fff:fff::1, Documentation",
        "fd00::1, Unique-Local",
        "fe80::1, Link-Local Unicast",
        "ff02::1, Multicast",
    })
    void unroutableAddressesAreNamedByTheirMostSpecificEntry(String address, String name) {
        assertThat(REGISTRY.unroutable(TestFlows.address(address))).isNotNull()
                .extracting(SpecialPurposeRegistry.Entry::name).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"8.8.8.8", "192.0.0.9", "192.0.0.10", "192.31.196.1", "2a00:1450:4001::1", "2001:4:112::1",
        "2001:1::1", "64:ff9b::808:808", "2002:c000:201::1", "2001:0:4136:e378::1",
        "3fff:dc00::cc"})
    void routableAddressesAreNot(String address) {
        // 192.0.0.9 is reachable inside the unreachable 192.0.0.0/24; 6to4 and Teredo are routed; 3fff:dc00:: is
        // outside RFC 9637's 3fff::/20.
        assertThat(REGISTRY.unroutable(TestFlows.address(address))).isNull();
    }

    @ParameterizedTest
    @CsvSource({"23456, AS_TRANS", "64500, Documentation", "64512, Private Use", "65534, Private Use",
        "65535, Reserved", "65551, Documentation", "4200000000, Private Use", "4294967295, Reserved"})
    void specialAsNumbers(long asn, String name) {
        assertThat(REGISTRY.specialAs(asn)).isNotNull().extracting(SpecialPurposeRegistry.AsRange::name).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource({"0", "3320", "13335", "64495", "131072", "4199999999"})
    void publicOrUnknownAsNumbersAreNot(long asn) {
        assertThat(REGISTRY.specialAs(asn)).isNull();
    }
}
