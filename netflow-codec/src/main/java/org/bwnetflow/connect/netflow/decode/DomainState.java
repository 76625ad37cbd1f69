package org.bwnetflow.connect.netflow.decode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * What one exporter's source id (v9), observation domain (IPFIX) or engine (v5) has told us:
 * templates, sampling rates, interface names and where its sequence numbers stand. Every entry
 * is charged to the decoder's {@link StateBudget}.
 *
 * <p>The source connector saves the proven part in its offsets and puts it back with
 * {@link NetFlowDecoder#restore}.
 */
public final class DomainState extends BudgetEntry {

    /** Gaps larger than this are an exporter restart, not loss. */
    private static final long MAX_PLAUSIBLE_GAP = 1L << 24;

    private final ExporterState exporter;
    private final ExporterRegistry registry;
    private final int version;
    private final long domainId;
    private final Int2ObjectHashMap<StoredTemplate> templates = new Int2ObjectHashMap<>();
    private Long2ObjectHashMap<SamplerEntry> samplers;
    private Long2ObjectHashMap<InterfaceEntry> interfaces;
    private long defaultSamplingRate;
    private long systemInitMillis;
    private boolean sequenceKnown;
    private long expectedSequence;
    private long optionsChanges;
    private Object attachment;
    long lastSeenMillis;

    DomainState(ExporterState exporter, int version, long domainId) {
        this.exporter = exporter;
        this.registry = exporter.registry();
        this.version = version;
        this.domainId = domainId;
    }

    @Override
    StateKind kind() {
        return StateKind.DOMAIN;
    }

    @Override
    void evict() {
        registry.removeDomain(this);
    }

    public ExporterState exporter() {
        return exporter;
    }

    /** Export protocol version: 5, 9, 10 (IPFIX) or {@link NetFlowDecoder#SFLOW_V5}. */
    public int version() {
        return version;
    }

    /** Source id (v9), observation domain id (IPFIX), engine type/id (v5) or sub-agent id (sFlow). */
    public long domainId() {
        return domainId;
    }

    /** A slot for the owner (the source task keeps its offset bookkeeping here). */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object value) {
        this.attachment = value;
    }

    /** Grows whenever the default rate, a proven sampler's rate or the system init time changes. */
    public long optionsChanges() {
        return optionsChanges;
    }

    public long defaultSamplingRate() {
        return defaultSamplingRate;
    }

    public long systemInitMillis() {
        return systemInitMillis;
    }

    /** The sequence number the next datagram should carry, or -1 before the first one. */
    public long expectedSequence() {
        return sequenceKnown ? expectedSequence : -1;
    }

    /** A template that has decoded flows, with when the exporter last sent it; null if none such. */
    public SavedTemplate provenTemplate(int templateId) {
        StoredTemplate stored = templates.get(templateId);
        return stored == null || !stored.everProven ? null : new SavedTemplate(stored.template, stored.refreshedMillis);
    }

    /** The interface entry of {@code ifIndex} if it has named a flow's interface; null otherwise. */
    public InterfaceInfo provenInterface(long ifIndex) {
        InterfaceEntry entry = interfaces == null ? null : interfaces.get(ifIndex);
        return entry == null || !entry.everProven ? null : entry.info;
    }

    /** Every interface entry that has named a flow's interface, as (ifIndex, info). */
    public void forEachProvenInterface(InterfaceConsumer consumer) {
        if (interfaces != null) {
            for (InterfaceEntry entry : interfaces.values()) {
                if (entry.everProven) {
                    consumer.accept(entry.ifIndex, entry.info);
                }
            }
        }
    }

    /** Every sampler rate a flow has used, as (sampler id, rate). */
    public void forEachProvenSampler(SamplerConsumer consumer) {
        if (samplers != null) {
            for (SamplerEntry entry : samplers.values()) {
                if (entry.everProven) {
                    consumer.accept(entry.samplerId, entry.rate);
                }
            }
        }
    }

    /** Every template kept, proven or not (for tools and tests; does not count as use). */
    public List<Template> templates() {
        List<Template> result = new ArrayList<>(templates.size());
        templates.values().forEach(stored -> result.add(stored.template));
        return result;
    }

    /** Every sampler rate kept, proven or not (for tools and tests). */
    public Map<Long, Long> samplerRates() {
        Map<Long, Long> rates = new HashMap<>();
        if (samplers != null) {
            samplers.values().forEach(e -> rates.put(e.samplerId, e.rate));
        }
        return rates;
    }

    /** Every interface entry kept, proven or not (for tools and tests; does not count as use). */
    public Map<Long, InterfaceInfo> interfaceTable() {
        Map<Long, InterfaceInfo> table = new HashMap<>();
        if (interfaces != null) {
            interfaces.values().forEach(e -> table.put(e.ifIndex, e.info));
        }
        return table;
    }

    /**
     * What this domain and everything it holds should be charged, computed afresh from the
     * entries (a check on the budget's bookkeeping); -1 when an entry is not attached to the budget.
     */
    long recount() {
        long bytes = StateSizes.DOMAIN + (samplers == null ? 0 : StateSizes.OPTIONS_MAP)
                + (interfaces == null ? 0 : StateSizes.OPTIONS_MAP);
        boolean attached = isAttached();
        for (StoredTemplate t : templates.values()) {
            bytes += StateSizes.template(t.template);
            attached &= t.isAttached();
        }
        if (interfaces != null) {
            for (InterfaceEntry e : interfaces.values()) {
                bytes += StateSizes.interfaceEntry(e.info);
                attached &= e.isAttached();
            }
        }
        if (samplers != null) {
            bytes += samplers.size() * StateSizes.SAMPLER;
            for (SamplerEntry e : samplers.values()) {
                attached &= e.isAttached();
            }
        }
        return attached ? bytes : -1;
    }

    public int templateCount() {
        return templates.size();
    }

    public int interfaceCount() {
        return interfaces == null ? 0 : interfaces.size();
    }

    /** Puts back state saved earlier; everything restored counts as proven. */
    void restore(SavedDomain saved, long nowMillis, long templateExpiryMillis) {
        for (SavedTemplate t : saved.templates()) {
            if (nowMillis - t.refreshedMillis() <= templateExpiryMillis && !templates.containsKey(t.template().id())) {
                StoredTemplate stored = new StoredTemplate(this, t.template(), Math.min(t.refreshedMillis(), nowMillis));
                if (registry.budget.admitProven(stored, StateSizes.template(t.template()))) {
                    templates.put(t.template().id(), stored);
                }
            }
        }
        saved.interfaces().forEach((ifIndex, info) -> {
            InterfaceEntry entry = new InterfaceEntry(this, ifIndex, info);
            if (registry.budget.admitProven(entry, StateSizes.interfaceEntry(info))) {
                interfaceMap().put((long) ifIndex, entry);
            }
        });
        saved.samplerRates().forEach((sampler, rate) -> {
            SamplerEntry entry = new SamplerEntry(this, sampler, rate);
            if (registry.budget.admitProven(entry, StateSizes.SAMPLER)) {
                samplerMap().put((long) sampler, entry);
            }
        });
        defaultSamplingRate = saved.defaultSamplingRate();
        systemInitMillis = saved.systemInitMillis();
        if (saved.expectedSequence() >= 0) {
            sequenceKnown = true;
            expectedSequence = saved.expectedSequence();
        }
        optionsChanges++;
    }

    /** The live template with this id, or null when unknown or expired. */
    StoredTemplate template(int id, long nowMillis, long expiryMillis) {
        StoredTemplate stored = templates.get(id);
        if (stored != null && nowMillis - stored.refreshedMillis > expiryMillis) {
            registry.counters().countExpiry(StateKind.TEMPLATE);
            removeTemplate(id);
            return null;
        }
        return stored;
    }

    /** A data set decoded flows with this template: it, this domain and the exporter are proven. */
    void decodedFlows(StoredTemplate stored) {
        boolean first = !stored.everProven;
        registry.budget.prove(stored);
        if (first && stored.isProven()) {
            registry.events().provenTemplateChanged(this, stored.template.id());
        }
    }

    /** Adds or refreshes a template; false when the budget refused a new one. */
    boolean putTemplate(Template template, long nowMillis) {
        StoredTemplate stored = templates.get(template.id());
        if (stored == null) {
            stored = new StoredTemplate(this, template, nowMillis);
            if (!registry.budget.admit(stored, StateSizes.template(template))) {
                return false;
            }
            templates.put(template.id(), stored);
            return true;
        }
        stored.refreshedMillis = nowMillis;
        if (!stored.template.sameLayoutAs(template)) {
            stored.template = template;
            if (!registry.budget.resize(stored, StateSizes.template(template))) {
                templates.remove(template.id());
                notifyTemplateRemoved(stored);
                return false;
            }
        }
        if (stored.everProven) {
            registry.events().provenTemplateChanged(this, template.id());
        }
        return true;
    }

    void removeTemplate(int id) {
        StoredTemplate stored = templates.remove(id);
        if (stored != null) {
            registry.budget.release(stored);
            notifyTemplateRemoved(stored);
        }
    }

    /** IPFIX withdraw-all (RFC 7011 section 8.1): every data template, or every options template. */
    void removeAllTemplates(boolean options) {
        List<Integer> ids = new ArrayList<>();
        templates.forEach((id, stored) -> {
            if (stored.template.isOptions() == options) {
                ids.add(id);
            }
        });
        ids.forEach(this::removeTemplate);
    }

    private void notifyTemplateRemoved(StoredTemplate stored) {
        if (stored.everProven) {
            registry.events().provenTemplateRemoved(this, stored.template.id());
        }
    }

    /** Drops templates not refreshed within the expiry. */
    void expireTemplates(long nowMillis, long expiryMillis) {
        List<Integer> expired = new ArrayList<>();
        templates.forEach((id, stored) -> {
            if (nowMillis - stored.refreshedMillis > expiryMillis) {
                expired.add(id);
            }
        });
        for (Integer id : expired) {
            registry.counters().countExpiry(StateKind.TEMPLATE);
            removeTemplate(id);
        }
    }

    /**
     * Learns sampling rates and interface names from an options record; false when the budget
     * refused a new sampler or interface (existing entries are always updated).
     */
    boolean applyOptions(OptionsRecord options) {
        boolean accepted = true;
        long rate = options.samplingRate();
        if (rate > 0) {
            if (options.hasSamplerId) {
                accepted = putSampler(options.samplerId, rate);
            } else if (defaultSamplingRate != rate) {
                defaultSamplingRate = rate;
                optionsChanges++;
            }
        }
        if (options.hasIfIndex && (options.ifName != null || options.ifDescription != null)) {
            accepted &= putInterface(options.ifIndex, new InterfaceInfo(options.ifName, options.ifDescription));
        }
        if (options.systemInitMillis > 0 && options.systemInitMillis != systemInitMillis) {
            systemInitMillis = options.systemInitMillis;
            optionsChanges++;
        }
        return accepted;
    }

    private boolean putSampler(long samplerId, long rate) {
        SamplerEntry entry = samplerMap().get(samplerId);
        if (entry == null) {
            entry = new SamplerEntry(this, samplerId, rate);
            if (!registry.budget.admit(entry, StateSizes.SAMPLER)) {
                return false;
            }
            samplers.put(samplerId, entry);
        } else if (entry.rate != rate) {
            entry.rate = rate;
            if (entry.everProven) {
                optionsChanges++;
            }
        }
        return true;
    }

    private boolean putInterface(long ifIndex, InterfaceInfo info) {
        InterfaceEntry entry = interfaceMap().get(ifIndex);
        if (entry == null) {
            entry = new InterfaceEntry(this, ifIndex, info);
            if (!registry.budget.admit(entry, StateSizes.interfaceEntry(info))) {
                return false;
            }
            interfaces.put(ifIndex, entry);
            return true;
        }
        if (!info.equals(entry.info)) {
            entry.info = info;
            if (!registry.budget.resize(entry, StateSizes.interfaceEntry(info))) {
                interfaces.remove(ifIndex);
                notifyInterfaceChanged(entry);
                return false;
            }
            notifyInterfaceChanged(entry);
        }
        return true;
    }

    void removeInterface(long ifIndex) {
        InterfaceEntry entry = interfaces == null ? null : interfaces.remove(ifIndex);
        if (entry != null) {
            registry.budget.release(entry);
            notifyInterfaceChanged(entry);
        }
    }

    private void notifyInterfaceChanged(InterfaceEntry entry) {
        if (entry.everProven) {
            registry.events().provenInterfaceChanged(this, entry.ifIndex);
        }
    }

    void removeSampler(long samplerId) {
        SamplerEntry entry = samplers == null ? null : samplers.remove(samplerId);
        if (entry != null) {
            registry.budget.release(entry);
            if (entry.everProven) {
                optionsChanges++;
            }
        }
    }

    /** Releases everything this domain holds (it is being forgotten as a whole). */
    void releaseAll() {
        templates.values().forEach(registry.budget::release);
        templates.clear();
        if (interfaces != null) {
            interfaces.values().forEach(registry.budget::release);
            interfaces.clear();
        }
        if (samplers != null) {
            samplers.values().forEach(registry.budget::release);
            samplers.clear();
        }
    }

    /** The rate announced for this flow's sampler (or for the whole domain), 0 when none was. */
    long samplingRate(DecodedFlow flow) {
        if (samplers != null && flow.has(DecodedFlow.SAMPLER_ID)) {
            SamplerEntry entry = samplers.get(flow.samplerId());
            if (entry != null) {
                if (!entry.everProven) {
                    optionsChanges++; // a newly proven sampler joins the saved rates
                }
                registry.budget.prove(entry);
                return entry.rate;
            }
        }
        return defaultSamplingRate;
    }

    boolean hasInterfaces() {
        return interfaces != null && !interfaces.isEmpty();
    }

    /** The names of a flow's interface; looking one up proves the entry. */
    InterfaceInfo interfaceForFlow(long ifIndex) {
        InterfaceEntry entry = interfaces.get(ifIndex);
        if (entry == null) {
            return null;
        }
        boolean first = !entry.everProven;
        registry.budget.prove(entry);
        if (first && entry.isProven()) {
            notifyInterfaceChanged(entry);
        }
        return entry.info;
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

    private Long2ObjectHashMap<SamplerEntry> samplerMap() {
        if (samplers == null) {
            samplers = new Long2ObjectHashMap<>();
            registry.budget.resize(this, chargedBytes + StateSizes.OPTIONS_MAP);
        }
        return samplers;
    }

    private Long2ObjectHashMap<InterfaceEntry> interfaceMap() {
        if (interfaces == null) {
            interfaces = new Long2ObjectHashMap<>();
            registry.budget.resize(this, chargedBytes + StateSizes.OPTIONS_MAP);
        }
        return interfaces;
    }

    /** Receives (ifIndex, names) pairs. */
    @FunctionalInterface
    public interface InterfaceConsumer {
        void accept(long ifIndex, InterfaceInfo info);
    }

    /** Receives (sampler id, rate) pairs. */
    @FunctionalInterface
    public interface SamplerConsumer {
        void accept(long samplerId, long rate);
    }
}
