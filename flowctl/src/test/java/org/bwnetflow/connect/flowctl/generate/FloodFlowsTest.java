package org.bwnetflow.connect.flowctl.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A flood's flows: exactly the packets and bytes per second asked for, from spoofed sources, per seed. */
class FloodFlowsTest {

    private static final long NANOS = 1_000_000_000L;

    @Test
    void everySecondCarriesExactlyTheAskedPacketsAndBytes() {
        for (String text : new String[] {"10.0.3.7,17,53,50000,512", "10.0.3.7,6,80,12345,60,0,0,97",
            "10.0.3.7,1,0,7,84", "2001:db8:1::5,17,123,100001,468,0,0,1000", "10.1.2.3,17,0,3,1500,0,0,3"}) {
            FloodSpec spec = FloodSpec.parse(text);
            FloodFlows flood = new FloodFlows(spec, 1, 0, 24);
            for (long s = 0; s < 5; s++) {
                long packets = 0;
                long bytes = 0;
                long flows = 0;
                while (flood.nextSecond() == s) {
                    long due = flood.nextDueNanos();
                    assertThat(due).as(text).isBetween(s * NANOS, (s + 1) * NANOS - 1);
                    List<GeneratedFlow> datagram = flood.nextDatagram((int) s % 3);
                    assertThat(datagram).hasSizeBetween(1, 24);
                    for (GeneratedFlow flow : datagram) {
                        assertThat(flow.dstAddr()).isEqualTo(spec.target());
                        assertThat(flow.proto()).isEqualTo(spec.proto());
                        assertThat(flow.dstPort()).isEqualTo(spec.dstPort());
                        assertThat(flow.bytes()).isEqualTo(flow.packets() * spec.bytesPerPacket());
                        assertThat(flow.packets()).isBetween(spec.packetsPerSecond() / spec.flowsPerSecond(),
                                spec.packetsPerSecond() / spec.flowsPerSecond() + 1);
                        packets += flow.packets();
                        bytes += flow.bytes();
                        flows++;
                    }
                }
                assertThat(packets).as(text + " second " + s).isEqualTo(spec.packetsPerSecond());
                assertThat(bytes).as(text + " second " + s).isEqualTo(spec.packetsPerSecond() * spec.bytesPerPacket());
                assertThat(flows).as(text + " second " + s).isEqualTo(spec.flowsPerSecond());
            }
        }
    }

    @Test
    void aFloodRunsFromItsStartForItsDuration() {
        FloodFlows flood = new FloodFlows(FloodSpec.parse("10.0.3.7,17,53,1000,100,30,20"), 1, 0, 24);
        assertThat(flood.nextDueNanos()).isEqualTo(30 * NANOS);
        List<Long> seconds = new ArrayList<>();
        while (flood.nextDueNanos() != Long.MAX_VALUE) {
            if (seconds.isEmpty() || seconds.get(seconds.size() - 1) != flood.nextSecond()) {
                seconds.add(flood.nextSecond());
            }
            flood.nextDatagram(0);
        }
        assertThat(seconds).hasSize(20).startsWith(30L).endsWith(49L);
        // 100 flows a second in datagrams of at most 24: 5 datagrams, spread evenly over the second.
        FloodFlows endless = new FloodFlows(FloodSpec.parse("10.0.3.7,17,53,1000,100"), 1, 0, 24);
        for (int i = 0; i < 5; i++) {
            assertThat(endless.nextDueNanos()).isEqualTo(i * NANOS / 5);
            assertThat(endless.nextDatagram(0)).hasSize(20);
        }
        assertThat(endless.nextDueNanos()).isEqualTo(NANOS);
        assertThat(FloodSpec.parse("10.0.3.7,17,53,1000,100,0,0").activeIn(1_000_000)).isTrue();
    }

    @Test
    void sourcesAreSpoofedAndRarelyRepeat() throws Exception {
        FloodFlows flood = new FloodFlows(FloodSpec.parse("10.0.3.7,6,443,20000,60,0,0,2000"), 9, 0, 24);
        Set<String> sources = new HashSet<>();
        int flows = 0;
        while (flood.nextSecond() < 5) {
            for (GeneratedFlow flow : flood.nextDatagram(0)) {
                byte[] src = flow.srcAddr();
                int first = src[0] & 0xff;
                assertThat(first).isNotIn(0, 10, 127).isLessThan(224);
                assertThat(flow.tcpFlags()).as("SYN").isEqualTo(0x02);
                assertThat(flow.srcPort()).isBetween(1_024, 65_535);
                sources.add(InetAddress.getByAddress(src).getHostAddress() + ":" + flow.srcPort());
                flows++;
            }
        }
        assertThat(flows).isEqualTo(10_000);
        assertThat(sources.size()).as("distinct spoofed sources of 10,000 flows").isGreaterThan(9_990);
        FloodFlows v6 = new FloodFlows(FloodSpec.parse("2001:db8:1::5,17,53,100,100"), 9, 0, 24);
        for (GeneratedFlow flow : v6.nextDatagram(0)) {
            assertThat(flow.srcAddr()).hasSize(16);
            assertThat(flow.srcAddr()[0] & 0xe0).as("2000::/3").isEqualTo(0x20);
            assertThat(flow.isIpv6()).isTrue();
        }
    }

    @Test
    void theSameSeedGivesTheSameFloodAndAnotherSeedOrFloodAnother() {
        FloodSpec spec = FloodSpec.parse("10.0.3.7,17,53,5000,512");
        List<GeneratedFlow> a = new FloodFlows(spec, 4, 0, 24).nextDatagram(1);
        List<GeneratedFlow> b = new FloodFlows(spec, 4, 0, 24).nextDatagram(1);
        List<GeneratedFlow> otherSeed = new FloodFlows(spec, 5, 0, 24).nextDatagram(1);
        List<GeneratedFlow> otherFlood = new FloodFlows(spec, 4, 1, 24).nextDatagram(1);
        assertThat(text(a)).isEqualTo(text(b)).isNotEqualTo(text(otherSeed)).isNotEqualTo(text(otherFlood));
    }

    @Test
    void specsAreParsedWithTheirDefaultsAndMistakesNamed() {
        FloodSpec spec = FloodSpec.parse("10.0.3.7,17,53,50000,512");
        assertThat(spec.targetText()).isEqualTo("10.0.3.7");
        assertThat(spec.startSecond()).isZero();
        assertThat(spec.durationSeconds()).isZero();
        assertThat(spec.flowsPerSecond()).isEqualTo(FloodSpec.DEFAULT_FLOWS_PER_SECOND);
        assertThat(FloodSpec.parse("10.0.3.7,1,0,40,84").flowsPerSecond()).as("one flow per packet").isEqualTo(40);
        assertThat(FloodSpec.parse("2001:db8::1,17,53,100,100,5,6,7")).hasToString("2001:db8:0:0:0:0:0:1,17,53,100,100,5,6,7");
        assertThatThrownBy(() -> FloodSpec.parse("10.0.3.7,17,53")).hasMessageContaining("TARGET_IP,PROTO");
        assertThatThrownBy(() -> FloodSpec.parse("victim.example,17,53,1,100")).hasMessageContaining("TARGET_IP");
        assertThatThrownBy(() -> FloodSpec.parse("10.0.3.256,17,53,1,100")).hasMessageContaining("TARGET_IP");
        assertThatThrownBy(() -> FloodSpec.parse("10.0.3.7,256,53,1,100")).hasMessageContaining("PROTO");
        assertThatThrownBy(() -> FloodSpec.parse("10.0.3.7,17,x,1,100")).hasMessageContaining("DST_PORT");
        assertThatThrownBy(() -> FloodSpec.parse("10.0.3.7,17,53,0,100")).hasMessageContaining("PACKETS_PER_SECOND");
        assertThatThrownBy(() -> FloodSpec.parse("10.0.3.7,17,53,10,100,0,0,11")).hasMessageContaining("FLOWS_PER_SECOND");
    }

    private static List<String> text(List<GeneratedFlow> flows) {
        return flows.stream().map(f -> Arrays.toString(f.srcAddr()) + f.srcPort() + "/" + f.packets() + "/" + f.inIf())
                .toList();
    }
}
