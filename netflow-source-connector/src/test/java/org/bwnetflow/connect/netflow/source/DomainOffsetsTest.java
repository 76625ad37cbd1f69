package org.bwnetflow.connect.netflow.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.DomainState;
import org.bwnetflow.connect.netflow.decode.InterfaceInfo;
import org.bwnetflow.connect.netflow.decode.Template;
import org.bwnetflow.connect.netflow.testing.DecodeRun;
import org.bwnetflow.connect.netflow.testing.TestData;
import org.junit.jupiter.api.Test;

class DomainOffsetsTest {

    /** Offsets go through Connect's schemaless JSON in the offsets topic; so do they here. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> throughJson(Map<String, Object> offset) {
        // Connect rejects offsets whose values are not primitives (OffsetUtils.validateFormat).
        assertThat(offset.values()).allSatisfy(value ->
                assertThat(value).isInstanceOfAny(String.class, Long.class, Integer.class, Boolean.class));
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        byte[] bytes = json.fromConnectData("offsets", null, offset);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("Exception");
        return (Map<String, Object>) json.toConnectData("offsets", bytes).value();
    }

    @Test
    void templatesSamplingAndInterfacesSurviveTheOffsetsTopic() {
        DecodeRun run = new DecodeRun().decode(TestData.datagrams("netflow9_test_cisco_asr9k_opttpl256.dat",
                "netflow9_test_cisco_asr9k_data256.dat", "netflow9_test_cisco_asr9k_tpl260.dat",
                "netflow9_test_invalid01.dat"));
        List<DomainState> domains = run.decoder.exporters().get(0).domains();
        assertThat(domains).hasSize(2);
        for (DomainState original : domains) {
            DomainOffsets.SavedState saved = DomainOffsets.read(throughJson(DomainOffsets.offset(original)));
            assertThat(saved.unreadable).isZero();
            assertThat(saved.templates).hasSameSizeAs(original.templates()).isNotEmpty();
            for (Template template : saved.templates) {
                Template before = original.templates().stream().filter(t -> t.id() == template.id()).findFirst()
                        .orElseThrow();
                assertThat(DomainOffsets.encodeTemplate(template)).isEqualTo(DomainOffsets.encodeTemplate(before));
                assertThat(template.isOptions()).isEqualTo(before.isOptions());
            }
            assertThat(saved.defaultSamplingRate).isEqualTo(original.defaultSamplingRate());
            assertThat(saved.interfaces).isEqualTo(original.interfaces());
            assertThat(saved.expectedSequence).isEqualTo(original.expectedSequence());
        }
        // The two domains: nprobe-style sampling options in one, an ASR 9000 interface table in the other.
        assertThat(domains).anySatisfy(d -> assertThat(d.defaultSamplingRate()).isEqualTo(100L));
        assertThat(domains).anySatisfy(d -> assertThat(d.interfaces()).hasSize(19));
    }

    @Test
    void ipfixEnterpriseAndVariableLengthFieldsRoundTrip() {
        DecodeRun run = new DecodeRun().decode(TestData.datagrams("ipfix_test_netscaler_tpl.dat"));
        DomainState domain = run.decoder.exporters().get(0).domains().get(0);
        DomainOffsets.SavedState saved = DomainOffsets.read(throughJson(DomainOffsets.offset(domain)));
        assertThat(saved.templates).hasSameSizeAs(domain.templates()).isNotEmpty();
        assertThat(saved.templates.stream().map(DomainOffsets::encodeTemplate))
                .anyMatch(text -> text.contains(":65535:5951"));
    }

    @Test
    void aRestoredDecoderDecodesDataWithoutSeeingTheTemplateAgain() {
        DecodeRun first = new DecodeRun().decode(TestData.datagrams("ipfix_test_mikrotik_tpl.dat"));
        Map<String, Object> offset = throughJson(
                DomainOffsets.offset(first.decoder.exporters().get(0).domains().get(0)));

        DecodeRun restarted = new DecodeRun(DecoderSettings.defaults());
        // The restore hook the task uses, driven by hand here.
        DomainOffsets.SavedState saved = DomainOffsets.read(offset);
        restarted.decode(TestData.datagrams("ipfix_test_mikrotik_data258.dat").get(0)); // creates the domain: miss
        assertThat(restarted.flows).isEmpty();
        DomainState domain = restarted.decoder.exporters().get(0).domains().get(0);
        domain.restore(saved.templates, saved.defaultSamplingRate, saved.samplerRates, saved.interfaces,
                saved.expectedSequence, DecodeRun.NOW, DecoderSettings.defaults());
        restarted.decode(TestData.datagrams("ipfix_test_mikrotik_data259.dat"));
        assertThat(restarted.flows).isNotEmpty();
    }

    @Test
    void damagedEntriesCostOnlyThemselves() {
        Map<String, Object> offset = new HashMap<>();
        offset.put(DomainOffsets.FORMAT, 1L);
        offset.put(DomainOffsets.TEMPLATES, "256|d|0|8:4,12:4;garbage;300|x|0|1:4;12|d|0|1:4;257|d|0|1:99999");
        offset.put(DomainOffsets.SAMPLING_BY_SAMPLER, "1=100;nope=5");
        offset.put(DomainOffsets.INTERFACES, "3=ge-0%2F0%2F1,uplink%3B%3D;4=wrong");
        DomainOffsets.SavedState saved = DomainOffsets.read(offset);
        assertThat(saved.templates).extracting(Template::id).containsExactly(256);
        assertThat(saved.samplerRates).containsExactly(Map.entry(1L, 100L));
        assertThat(saved.interfaces).containsOnlyKeys(3L);
        assertThat(saved.interfaces.get(3L)).isEqualTo(new InterfaceInfo("ge-0/0/1", "uplink;="));
        assertThat(saved.unreadable).isEqualTo(6);
    }

    @Test
    void anOffsetOfAnotherFormatIsIgnored() {
        assertThat(DomainOffsets.read(Map.of(DomainOffsets.FORMAT, 99L, DomainOffsets.TEMPLATES,
                "256|d|0|8:4")).isEmpty()).isTrue();
        assertThat(DomainOffsets.read(null).isEmpty()).isTrue();
    }

    /** Connect looks offsets up by the partition's JSON bytes: the same domain must always serialize alike. */
    @Test
    void partitionsSerializeToTheSameBytesEveryTime() {
        DecodeRun run = new DecodeRun().decode(TestData.datagrams("netflow9_test_valid01.dat"));
        DomainState domain = run.decoder.exporters().get(0).domains().get(0);
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), true);
        String serialized = new String(json.fromConnectData("offsets", null, DomainOffsets.partition(domain)),
                StandardCharsets.UTF_8);
        assertThat(serialized).isEqualTo("{\"exporter\":\"192.0.2.1\",\"version\":9,\"domain\":0}");
    }
}
