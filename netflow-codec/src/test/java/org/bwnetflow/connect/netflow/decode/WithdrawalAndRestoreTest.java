package org.bwnetflow.connect.netflow.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.bwnetflow.connect.netflow.testing.Datagrams;
import org.junit.jupiter.api.Test;

/** IPFIX template withdrawals (RFC 7011 8.1), and what a restored domain keeps and for how long. */
class WithdrawalAndRestoreTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long EXPIRY = 60_000;

    private final CodecRun run = new CodecRun(new DecoderSettings(EXPIRY, EXPIRY, 1 << 20, 0, Map.of()));

    private static byte[] data(int templateId) {
        return Datagrams.ipfix(5, 1).set(templateId, 12).u32(0x0A000001).u32(0x0A000002).bytes();
    }

    @Test
    void withdrawAllRemovesEveryDataTemplateAndIsNotMalformed() {
        run.decode(Datagrams.ipfix(1, 1).ipfixTemplate(256, 8, 4, 12, 4).ipfixTemplate(257, 8, 4, 12, 4).bytes(), NOW);
        run.decode(Datagrams.ipfix(2, 1).set(3, 4 + 6 + 8).u16(300).u16(2).u16(1).u16(10).u16(4).u16(82).u16(8)
                .bytes(), NOW);
        run.decode(data(256), NOW);
        assertThat(run.flows).hasSize(1);
        // template set (id 2) holding a withdrawal of template id 2: all data templates
        run.decode(Datagrams.ipfix(3, 1).set(2, 8).u16(2).u16(0).bytes(), NOW);
        run.decode(data(256), NOW);
        run.decode(data(257), NOW);
        assertThat(run.flows).hasSize(1);
        assertThat(run.decoder.counters().templatesWithdrawn()).isEqualTo(1);
        assertThat(run.decoder.counters().malformed()).isZero();
        DomainState domain = run.decoder.exporters().get(0).domains().get(0);
        assertThat(domain.templates()).extracting(Template::id).containsExactly(300); // options templates stay
        // options template set (id 3) withdrawing id 3: all options templates
        run.decode(Datagrams.ipfix(4, 1).set(3, 8).u16(3).u16(0).bytes(), NOW);
        assertThat(domain.templates()).isEmpty();
        assertThat(run.decoder.counters().templatesWithdrawn()).isEqualTo(2);
    }

    @Test
    void aWithdrawalOfOneTemplateRemovesOnlyIt() {
        run.decode(Datagrams.ipfix(1, 1).ipfixTemplate(256, 8, 4, 12, 4).ipfixTemplate(257, 8, 4, 12, 4).bytes(), NOW);
        run.decode(Datagrams.ipfix(2, 1).set(2, 8).u16(256).u16(0).bytes(), NOW);
        run.decode(data(256), NOW).decode(data(257), NOW);
        assertThat(run.flows).hasSize(1);
    }

    @Test
    void aRestoredTemplateLivesOnlyWhatIsLeftOfItsExpiry() {
        Template fresh = new Template(256, false, 0, new int[] {8, 12}, new long[2], new int[] {4, 4});
        Template old = new Template(257, false, 0, new int[] {8, 12}, new long[2], new int[] {4, 4});
        SavedDomain saved = new SavedDomain(
                List.of(new SavedTemplate(fresh, NOW - EXPIRY + 1_000), new SavedTemplate(old, NOW - EXPIRY - 1)),
                Map.of(7L, new InterfaceInfo("-", "uplink")), Map.of(), 100, 0, 5);
        DomainState domain = run.decoder.restore(CodecRun.EXPORTER, NetFlowDecoder.IPFIX, 1, saved, NOW);
        assertThat(domain.templates()).extracting(Template::id).containsExactly(256);
        assertThat(domain.provenTemplate(256)).isNotNull(); // restored state counts as proven
        assertThat(domain.provenInterface(7)).isEqualTo(new InterfaceInfo("-", "uplink"));
        assertThat(domain.expectedSequence()).isEqualTo(5);

        run.decode(data(256), NOW + 999);
        assertThat(run.flows).hasSize(1);
        run.decode(data(256), NOW + 1_001);
        assertThat(run.flows).hasSize(1);
        assertThat(run.decoder.counters().templateMisses()).isEqualTo(1);
    }

    @Test
    void restoringAKnownDomainChangesNothing() {
        run.decode(Datagrams.ipfix(1, 1).ipfixTemplate(256, 8, 4, 12, 4).bytes(), NOW);
        DomainState before = run.decoder.exporters().get(0).domains().get(0);
        DomainState after = run.decoder.restore(CodecRun.EXPORTER, NetFlowDecoder.IPFIX, 1, SavedDomain.empty(), NOW);
        assertThat(after).isSameAs(before);
        assertThat(after.templates()).hasSize(1);
    }
}
