package org.bwnetflow.connect.netflow.decode;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;

/**
 * Limits and sampling policy of a {@link NetFlowDecoder}.
 *
 * @param templateExpiryMillis       a template not refreshed for this long is forgotten
 * @param maxTemplatesPerExporter    bound against template floods
 * @param maxDomainsPerExporter      bound on source ids / observation domains per exporter
 * @param maxExporters               bound on exporters tracked at once
 * @param maxInterfacesPerDomain     bound on interface-table entries learnt from options data
 * @param maxSamplersPerDomain       bound on per-sampler rates learnt from options data
 * @param defaultSamplingRate        rate for flows whose exporter announced none (0: leave unknown)
 * @param samplingRateOverrides      per-exporter rate that wins over whatever the exporter announced
 */
public record DecoderSettings(
        long templateExpiryMillis,
        int maxTemplatesPerExporter,
        int maxDomainsPerExporter,
        int maxExporters,
        int maxInterfacesPerDomain,
        int maxSamplersPerDomain,
        long defaultSamplingRate,
        Map<InetAddress, Long> samplingRateOverrides) {

    public DecoderSettings {
        Objects.requireNonNull(samplingRateOverrides, "samplingRateOverrides");
        samplingRateOverrides = Map.copyOf(samplingRateOverrides);
    }

    /** Settings for tools and tests: generous limits, no sampling policy. */
    public static DecoderSettings defaults() {
        return new DecoderSettings(30 * 60_000L, 2048, 1024, 10_000, 65_536, 1024, 0, Map.of());
    }
}
