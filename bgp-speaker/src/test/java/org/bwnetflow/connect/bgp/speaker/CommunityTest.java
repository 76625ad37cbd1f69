package org.bwnetflow.connect.bgp.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommunityTest {

    @Test
    void parsesStandardLargeAndWellKnownCommunities() {
        assertThat(Community.parse("65535:666")).isEqualTo(StandardCommunity.BLACKHOLE);
        assertThat(Community.parse("blackhole")).isEqualTo(StandardCommunity.BLACKHOLE);
        assertThat(Community.parse("no-export")).isEqualTo(new StandardCommunity(65535, 65281));
        assertThat(Community.parse("64512:100")).isEqualTo(new StandardCommunity(64512, 100));
        assertThat(Community.parse("4200000000:666:1")).isEqualTo(new LargeCommunity(4_200_000_000L, 666, 1));
        assertThat(Community.parse("4294967295:4294967295:0")).hasToString("4294967295:4294967295:0");
        assertThat(StandardCommunity.BLACKHOLE.value32()).isEqualTo(0xFFFF029AL);
        assertThat(StandardCommunity.of(0xFFFF029AL)).isEqualTo(StandardCommunity.BLACKHOLE);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '¦', textBlock = """
            65536:1 ¦ not a community: '65536:1' (65536 is above 65535)
            1:65536 ¦ not a community: '1:65536' (65536 is above 65535)
            4294967296:1:1 ¦ not a community: '4294967296:1:1' (4294967296 is above 4294967295)
            1 ¦ not a community: '1' (asn:value or global:local1:local2)
            1:2:3:4 ¦ not a community: '1:2:3:4' (asn:value or global:local1:local2)
            a:1 ¦ not a community: 'a:1' ('a' is no number)
            -1:1 ¦ not a community: '-1:1' ('-1' is no number)
            :1 ¦ not a community: ':1' ('' is no number)
            """)
    void refusesWhatIsNoCommunity(String text, String message) {
        assertThatThrownBy(() -> Community.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void sortsStandardBeforeLargeAndByValue() {
        assertThat(Community.parse("1:2")).isLessThan(Community.parse("2:1"));
        assertThat(Community.parse("65535:666")).isLessThan(Community.parse("1:1:1"));
        assertThat(Community.parse("1:1:2")).isLessThan(Community.parse("1:2:1"));
    }
}
