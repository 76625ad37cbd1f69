package org.bwnetflow.connect.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.model.testing.TestFlows.flow;
import static org.bwnetflow.connect.model.testing.TestFlows.record;
import static org.bwnetflow.connect.model.testing.TestFlows.with;
import static org.bwnetflow.connect.model.testing.TestFlows.withAddress;
import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.NORMALIZED;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;

class NormalizeTest {

    private static Normalize<SourceRecord> normalize(Map<String, String> config) {
        Normalize<SourceRecord> transform = new Normalize<>();
        transform.configure(config);
        return transform;
    }

    private static Struct sampled(long bytes, long packets, long rate) {
        return with(with(with(flow("192.0.2.1", "198.51.100.1"), BYTES, bytes), PACKETS, packets), SAMPLING_RATE, rate);
    }

    @Test
    void multipliesBytesAndPacketsByTheRateAndMarksTheFlow() {
        Normalize<SourceRecord> transform = normalize(Map.of());
        SourceRecord record = record(sampled(1500, 3, 100));
        SourceRecord out = transform.apply(record);
        Struct flow = (Struct) out.value();
        assertThat(out).isSameAs(record);
        assertThat(Flows.number(flow, BYTES)).isEqualTo(150_000);
        assertThat(Flows.number(flow, PACKETS)).isEqualTo(300);
        assertThat(Flows.enumValue(flow, NORMALIZED)).isEqualTo(1);
        assertThat(transform.counter("normalized")).isEqualTo(1);
    }

    @Test
    void appliedTwiceScalesOnce() {
        Normalize<SourceRecord> transform = normalize(Map.of());
        SourceRecord record = record(sampled(1500, 3, 100));
        transform.apply(transform.apply(record));
        assertThat(Flows.number((Struct) record.value(), BYTES)).isEqualTo(150_000);
        assertThat(transform.counter("already-normalized")).isEqualTo(1);
    }

    @Test
    void aFlowWithoutRateStaysUnnormalizedAndIsCounted() {
        Normalize<SourceRecord> transform = normalize(Map.of());
        Struct flow = sampled(1500, 3, 0);
        transform.apply(record(flow));
        assertThat(Flows.number(flow, BYTES)).isEqualTo(1500);
        assertThat(Flows.enumValue(flow, NORMALIZED)).isZero();
        assertThat(transform.counter("rate-unknown")).isEqualTo(1);
    }

    @Test
    void theFallbackRateAppliesOnlyWhereTheRateIsUnknown() {
        Normalize<SourceRecord> transform = normalize(Map.of(Normalize.FALLBACK_RATE, "10"));
        Struct unknown = sampled(100, 1, 0);
        Struct known = sampled(100, 1, 4);
        transform.apply(record(unknown));
        transform.apply(record(known));
        assertThat(Flows.number(unknown, BYTES)).isEqualTo(1000);
        assertThat(Flows.number(unknown, SAMPLING_RATE)).isEqualTo(10);
        assertThat(Flows.number(known, BYTES)).isEqualTo(400);
        assertThat(transform.counter("rate-fallback")).isEqualTo(1);
    }

    @Test
    void aPerExporterOverrideWinsOverTheAnnouncedRate() {
        Normalize<SourceRecord> transform = normalize(Map.of(Normalize.RATE_OVERRIDES, "192.0.2.9=1000, 2001:db8::9=7"));
        Struct v4 = withAddress(sampled(2, 1, 100), SAMPLER_ADDRESS, "192.0.2.9");
        Struct v6 = withAddress(sampled(2, 1, 0), SAMPLER_ADDRESS, "2001:db8::9");
        Struct other = withAddress(sampled(2, 1, 100), SAMPLER_ADDRESS, "192.0.2.10");
        transform.apply(record(v4));
        transform.apply(record(v6));
        transform.apply(record(other));
        assertThat(Flows.number(v4, BYTES)).isEqualTo(2000);
        assertThat(Flows.number(v4, SAMPLING_RATE)).isEqualTo(1000);
        assertThat(Flows.number(v6, BYTES)).isEqualTo(14);
        assertThat(Flows.number(other, BYTES)).isEqualTo(200);
        assertThat(transform.counter("rate-overridden")).isEqualTo(2);
    }

    @Test
    void productsBeyondUint64AreCappedAndCounted() {
        Normalize<SourceRecord> transform = normalize(Map.of());
        Struct flow = sampled(-2L /* 2^64 - 2 as uint64 */, 1L << 40, 1L << 30);
        transform.apply(record(flow));
        assertThat(Flows.number(flow, BYTES)).isEqualTo(-1L);
        assertThat(Flows.number(flow, PACKETS)).isEqualTo(-1L);
        assertThat(transform.counter("saturated")).isEqualTo(2);
        Struct large = sampled(1L << 62, 1, 2); // 2^63 fits in uint64
        transform.apply(record(large));
        assertThat(Long.toUnsignedString(Flows.number(large, BYTES))).isEqualTo("9223372036854775808");
    }

    @Test
    void badOverridesAreAConfigErrorNamingThePair() {
        assertThatThrownBy(() -> normalize(Map.of(Normalize.RATE_OVERRIDES, "192.0.2.1=0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(Normalize.RATE_OVERRIDES)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> normalize(Map.of(Normalize.RATE_OVERRIDES, "router1=10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'router1' is not an IP address");
        assertThatThrownBy(() -> normalize(Map.of(Normalize.FALLBACK_RATE, "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining(Normalize.FALLBACK_RATE);
    }
}
