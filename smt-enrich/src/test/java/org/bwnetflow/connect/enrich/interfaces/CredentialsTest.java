package org.bwnetflow.connect.enrich.interfaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.snmp4j.CommunityTarget;
import org.snmp4j.smi.UdpAddress;

/** Credentials print without their secrets, and only the protocols offered are accepted. */
class CredentialsTest {

    @Test
    void noSecretInAnyToString() {
        CommunityCredentials community = new CommunityCredentials("community-secret");
        UsmCredentials usm = new UsmCredentials("netops", UsmCredentials.Auth.SHA_512, "auth-secret-1",
                UsmCredentials.Priv.AES_256, "priv-secret-1");
        SnmpSettings settings = new SnmpSettings(usm, new SnmpAgents(AddressBlocks.parse(List.of("10.0.0.0/8")),
                AgentMap.parse(List.of())), 161, 1000, 1, 8, 60_000, 60_000, 100, null);
        String target = community.target(new UdpAddress("192.0.2.1/161")).toString();
        String userTarget = usm.target(new UdpAddress("192.0.2.1/161")).toString();
        for (String text : List.of(community.toString(), usm.toString(), settings.toString(), target, userTarget,
                ((CommunityTarget<?>) community.target(new UdpAddress("192.0.2.1/161"))).getCommunity().toString())) {
            assertThat(text).doesNotContain("community-secret").doesNotContain("auth-secret-1")
                    .doesNotContain("priv-secret-1");
        }
        assertThat(usm.toString()).contains("netops").contains("SHA-512/AES-256");
        assertThat(settings.toString()).contains("10.0.0.0/8");
    }

    @Test
    void protocolsByTheirNetSnmpNamesAndNoWeakOnes() {
        assertThat(UsmCredentials.Auth.fromConfig("sha-256")).isEqualTo(UsmCredentials.Auth.SHA_256);
        assertThat(UsmCredentials.Auth.fromConfig(" SHA-1 ")).isEqualTo(UsmCredentials.Auth.SHA_1);
        assertThat(UsmCredentials.Priv.fromConfig("aes-256-c")).isEqualTo(UsmCredentials.Priv.AES_256_C);
        assertThatThrownBy(() -> UsmCredentials.Auth.fromConfig("MD5"))
                .hasMessage("'MD5' is not one of SHA-1, SHA-224, SHA-256, SHA-384, SHA-512");
        assertThatThrownBy(() -> UsmCredentials.Priv.fromConfig("DES"))
                .hasMessage("'DES' is not one of AES-128, AES-192, AES-256, AES-192-C, AES-256-C");
    }
}
