package org.bwnetflow.connect.netflow.decode;

import java.util.List;
import java.util.Map;

/**
 * A domain's state as saved earlier (by the source connector, in its offsets), to be put back
 * with {@link NetFlowDecoder#restore}. Templates older than the template expiry are skipped.
 *
 * @param expectedSequence the next sequence number expected, or -1 when not known
 */
public record SavedDomain(List<SavedTemplate> templates, Map<Long, InterfaceInfo> interfaces,
        Map<Long, Long> samplerRates, long defaultSamplingRate, long systemInitMillis, long expectedSequence) {

    public SavedDomain {
        templates = List.copyOf(templates);
        interfaces = Map.copyOf(interfaces);
        samplerRates = Map.copyOf(samplerRates);
    }

    public static SavedDomain empty() {
        return new SavedDomain(List.of(), Map.of(), Map.of(), 0, 0, -1);
    }
}
