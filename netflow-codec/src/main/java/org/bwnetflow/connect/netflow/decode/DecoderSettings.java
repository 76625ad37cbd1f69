package org.bwnetflow.connect.netflow.decode;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;

/**
 * Limits and sampling policy of a {@link NetFlowDecoder}.
 *
 * @param templateExpiryMillis  a template not refreshed for this long is forgotten
 * @param idleExpiryMillis      an exporter or domain that sent nothing for this long is forgotten
 * @param stateMaxBytes         the byte budget for all state datagrams make the decoder keep
 * @param defaultSamplingRate   rate for flows whose exporter announced none (0: leave unknown)
 * @param samplingRateOverrides per-exporter rate that wins over whatever the exporter announced
 * @param sflowIpLength         sFlow: Bytes is the sampled packet's IP length (IPv4 total length, IPv6
 *                              payload length + 40, or a sampled IPv4/IPv6 record's length) instead of
 *                              the frame length; the frame length stays the fallback
 */
public record DecoderSettings(
        long templateExpiryMillis,
        long idleExpiryMillis,
        long stateMaxBytes,
        long defaultSamplingRate,
        Map<InetAddress, Long> samplingRateOverrides,
        boolean sflowIpLength) {

    public static final long DEFAULT_TEMPLATE_EXPIRY_MILLIS = 30 * 60_000L;
    public static final long DEFAULT_STATE_MAX_BYTES = 64L << 20;

    public DecoderSettings {
        Objects.requireNonNull(samplingRateOverrides, "samplingRateOverrides");
        samplingRateOverrides = Map.copyOf(samplingRateOverrides);
        if (stateMaxBytes < 1) {
            throw new IllegalArgumentException("stateMaxBytes must be positive: " + stateMaxBytes);
        }
    }

    /** Settings that count sFlow Bytes as frame lengths (the default). */
    public DecoderSettings(long templateExpiryMillis, long idleExpiryMillis, long stateMaxBytes, long defaultSamplingRate,
            Map<InetAddress, Long> samplingRateOverrides) {
        this(templateExpiryMillis, idleExpiryMillis, stateMaxBytes, defaultSamplingRate, samplingRateOverrides, false);
    }

    /** Settings for tools and tests: the connector's default budget and expiries, no sampling policy. */
    public static DecoderSettings defaults() {
        return new DecoderSettings(DEFAULT_TEMPLATE_EXPIRY_MILLIS, DEFAULT_TEMPLATE_EXPIRY_MILLIS,
                DEFAULT_STATE_MAX_BYTES, 0, Map.of());
    }

    public DecoderSettings withStateMaxBytes(long bytes) {
        return new DecoderSettings(templateExpiryMillis, idleExpiryMillis, bytes, defaultSamplingRate,
                samplingRateOverrides, sflowIpLength);
    }

    public DecoderSettings withSflowIpLength(boolean ipLength) {
        return new DecoderSettings(templateExpiryMillis, idleExpiryMillis, stateMaxBytes, defaultSamplingRate,
                samplingRateOverrides, ipLength);
    }
}
