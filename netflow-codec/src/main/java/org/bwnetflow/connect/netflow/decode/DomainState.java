package org.bwnetflow.connect.netflow.decode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * What one exporter's source id (v9) or observation domain (IPFIX) has told us: templates,
 * sampling rates, interface names and where its sequence numbers stand.
 *
 * <p>Everything here is what a restarted task needs to decode data datagrams at once; the
 * source connector stores it in its offsets and puts it back with {@link #restore}.
 */
public final class DomainState {

    /** Gaps larger than this are an exporter restart, not loss. */
    private static final long MAX_PLAUSIBLE_GAP = 1L << 24;

    private final ExporterState exporter;
    private final int version;
    private final long domainId;
    private final Int2ObjectHashMap<StoredTemplate> templates = new Int2ObjectHashMap<>();
    private final Long2LongHashMap samplerRates = new Long2LongHashMap(0);
    private final Long2ObjectHashMap<InterfaceInfo> interfaces = new Long2ObjectHashMap<>();
    private long defaultSamplingRate;
    private long systemInitMillis;
    private boolean sequenceKnown;
    private long expectedSequence;
    private long changeCount;
    private Object attachment;

    DomainState(ExporterState exporter, int version, long domainId) {
        this.exporter = exporter;
        this.version = version;
        this.domainId = domainId;
    }

    public ExporterState exporter() {
        return exporter;
    }

    /** Export protocol version: 5, 9 or 10 (IPFIX). */
    public int version() {
        return version;
    }

    /** Source id (v9), observation domain id (IPFIX) or engine type/id (v5). */
    public long domainId() {
        return domainId;
    }

    /** Grows whenever templates, sampling or interface names change: a cheap "is my copy stale". */
    public long changeCount() {
        return changeCount;
    }

    /** A slot for the owner (the source task caches its offset map here). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    public Collection<Template> templates() {
        List<Template> result = new ArrayList<>(templates.size());
        for (StoredTemplate stored : templates.values()) {
            result.add(stored.template);
        }
        return result;
    }

    public long defaultSamplingRate() {
        return defaultSamplingRate;
    }

    public Map<Long, Long> samplerRates() {
        return new HashMap<>(samplerRates);
    }

    public Map<Long, InterfaceInfo> interfaces() {
        return new HashMap<>(interfaces);
    }

    /** The sequence number the next datagram should carry, or -1 before the first one. */
    public long expectedSequence() {
        return sequenceKnown ? expectedSequence : -1;
    }

    /** Puts back state saved earlier (templates count as fresh from {@code nowMillis}). */
    public void restore(Collection<Template> savedTemplates, long savedDefaultRate, Map<Long, Long> savedSamplerRates,
            Map<Long, InterfaceInfo> savedInterfaces, long savedExpectedSequence, long nowMillis, DecoderSettings settings) {
        for (Template template : savedTemplates) {
            putTemplate(template, nowMillis, settings.maxTemplatesPerExporter());
        }
        defaultSamplingRate = savedDefaultRate;
        for (Map.Entry<Long, Long> entry : savedSamplerRates.entrySet()) {
            if (samplerRates.size() < settings.maxSamplersPerDomain()) {
                samplerRates.put((long) entry.getKey(), (long) entry.getValue());
            }
        }
        for (Map.Entry<Long, InterfaceInfo> entry : savedInterfaces.entrySet()) {
            if (interfaces.size() < settings.maxInterfacesPerDomain()) {
                interfaces.put((long) entry.getKey(), entry.getValue());
            }
        }
        if (savedExpectedSequence >= 0) {
            sequenceKnown = true;
            expectedSequence = savedExpectedSequence;
        }
        changeCount++;
    }

    /** The live template with this id, or null when unknown or expired. */
    Template template(int id, long nowMillis, long expiryMillis) {
        StoredTemplate stored = templates.get(id);
        if (stored == null) {
            return null;
        }
        if (nowMillis - stored.refreshedMillis > expiryMillis) {
            removeTemplate(id);
            return null;
        }
        return stored.template;
    }

    /** Adds or refreshes a template; false when the exporter's template limit refuses a new one. */
    boolean putTemplate(Template template, long nowMillis, int maxTemplatesPerExporter) {
        StoredTemplate stored = templates.get(template.id());
        if (stored != null) {
            stored.refreshedMillis = nowMillis;
            if (!stored.template.sameLayout(template)) {
                stored.template = template;
                changeCount++;
            }
            return true;
        }
        if (exporter.templateCount >= maxTemplatesPerExporter) {
            return false;
        }
        templates.put(template.id(), new StoredTemplate(template, nowMillis));
        exporter.templateCount++;
        changeCount++;
        return true;
    }

    void removeTemplate(int id) {
        if (templates.remove(id) != null) {
            exporter.templateCount--;
            changeCount++;
        }
    }

    /** Drops templates not refreshed within the expiry; returns how many remain. */
    int expireTemplates(long nowMillis, long expiryMillis) {
        templates.values().removeIf(stored -> {
            boolean expired = nowMillis - stored.refreshedMillis > expiryMillis;
            if (expired) {
                exporter.templateCount--;
                changeCount++;
            }
            return expired;
        });
        return templates.size();
    }

    /**
     * Learns sampling rates and interface names from an options record; false when a limit
     * refused a new sampler or interface (existing entries are always updated).
     */
    boolean applyOptions(OptionsRecord options, DecoderSettings settings) {
        boolean accepted = true;
        long rate = options.samplingRate();
        if (rate > 0) {
            if (options.hasSamplerId) {
                long old = samplerRates.get(options.samplerId);
                if (old == 0 && samplerRates.size() >= settings.maxSamplersPerDomain()) {
                    accepted = false;
                } else if (old != rate) {
                    samplerRates.put(options.samplerId, rate);
                    changeCount++;
                }
            } else if (defaultSamplingRate != rate) {
                defaultSamplingRate = rate;
                changeCount++;
            }
        }
        if (options.hasIfIndex && (options.ifName != null || options.ifDescription != null)) {
            InterfaceInfo info = new InterfaceInfo(options.ifName, options.ifDescription);
            InterfaceInfo old = interfaces.get(options.ifIndex);
            if (old == null && interfaces.size() >= settings.maxInterfacesPerDomain()) {
                accepted = false;
            } else if (!info.equals(old)) {
                interfaces.put(options.ifIndex, info);
                changeCount++;
            }
        }
        if (options.systemInitMillis > 0) {
            systemInitMillis = options.systemInitMillis;
        }
        return accepted;
    }

    /** The rate announced for this sampler (or for the whole domain), 0 when none was. */
    long samplingRate(DecodedFlow flow) {
        if (flow.has(DecodedFlow.SAMPLER_ID)) {
            long rate = samplerRates.get(flow.samplerId);
            if (rate > 0) {
                return rate;
            }
        }
        return defaultSamplingRate;
    }

    long systemInitMillis() {
        return systemInitMillis;
    }

    boolean hasInterfaces() {
        return !interfaces.isEmpty();
    }

    InterfaceInfo interfaceInfo(long ifIndex) {
        return interfaces.get(ifIndex);
    }

    /**
     * Compares a datagram's sequence number with the expected one; returns how many units
     * (datagrams or records, by protocol) went missing in between.
     */
    long checkSequence(long sequence) {
        if (!sequenceKnown) {
            return 0;
        }
        long gap = (sequence - expectedSequence) & 0xFFFF_FFFFL;
        if (gap == 0 || gap > MAX_PLAUSIBLE_GAP) {
            return 0; // in order, or reordered / exporter restarted
        }
        return gap;
    }

    void expectNext(long nextSequence) {
        sequenceKnown = true;
        expectedSequence = nextSequence & 0xFFFF_FFFFL;
    }

    /** A template and when the exporter last sent it. */
    private static final class StoredTemplate {
        Template template;
        long refreshedMillis;

        StoredTemplate(Template template, long refreshedMillis) {
            this.template = template;
            this.refreshedMillis = refreshedMillis;
        }
    }
}
