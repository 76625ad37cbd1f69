package org.bwnetflow.connect.netflow.source.offsets;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bwnetflow.connect.netflow.decode.DomainState;
import org.bwnetflow.connect.netflow.decode.SavedTemplate;
import org.bwnetflow.connect.netflow.decode.Template;

/**
 * What the source has saved of one domain (which template and interface partitions exist in
 * the offsets) and the domain offset its flow records carry. Kept on the domain as its attachment.
 */
final class DomainOffsets {

    final Map<String, Object> partition;
    final String exporterKey;
    /** Template ids whose partition holds a template (written, or found when restoring). */
    final SortedSet<Integer> savedTemplates = new TreeSet<>();
    /** Per saved template: the layout and refresh time written, to skip rewriting what has not changed. */
    final Map<Integer, SavedTemplate> writtenTemplates = new HashMap<>();
    final BitSet savedBuckets = new BitSet(OffsetFormat.INTERFACE_BUCKETS);
    final BitSet dirtyBuckets = new BitSet(OffsetFormat.INTERFACE_BUCKETS);
    boolean removed;
    /** Whether the domain partition itself holds an offset: a record carried it, or it was found when restoring. */
    boolean domainSaved;
    /** Dirty interface buckets are resolved (one scan of the table) no earlier than this. */
    long nextBucketResolveMillis;

    private int indexVersion;
    private int builtIndexVersion = -1;
    private long builtOptions = -1;
    private Map<String, Object> stable;
    private long builtSequence = -2;
    private Map<String, Object> offset;

    private DomainOffsets(DomainState domain) {
        this.partition = OffsetFormat.domainPartition(domain);
        this.exporterKey = domain.exporter().address().getHostAddress();
    }

    static DomainOffsets of(DomainState domain) {
        Object attached = domain.attachment();
        if (attached instanceof DomainOffsets) {
            return (DomainOffsets) attached;
        }
        DomainOffsets offsets = new DomainOffsets(domain);
        domain.attach(offsets);
        return offsets;
    }

    /** The saved set of templates or buckets changed: the domain offset's index must be rewritten. */
    void indexChanged() {
        indexVersion++;
    }

    /** Whether this template must be (re)written: new, changed, or its saved refresh time is getting old. */
    boolean needsWrite(int templateId, SavedTemplate now, long refreshSaveMillis) {
        SavedTemplate written = writtenTemplates.get(templateId);
        return written == null || !sameLayout(written.template(), now.template())
                || now.refreshedMillis() - written.refreshedMillis() > refreshSaveMillis;
    }

    /**
     * The domain offset as of now; the expensive part (samplers, index) is rebuilt only when it
     * changed, the sequence number whenever a datagram moved it.
     */
    Map<String, Object> offset(DomainState domain, long nowMillis) {
        if (stable == null || builtIndexVersion != indexVersion || builtOptions != domain.optionsChanges()) {
            stable = stablePart(domain);
            builtIndexVersion = indexVersion;
            builtOptions = domain.optionsChanges();
            offset = null;
        }
        domainSaved = true;
        if (offset == null || builtSequence != domain.expectedSequence()) {
            builtSequence = domain.expectedSequence();
            Map<String, Object> current = new HashMap<>(stable);
            current.put(OffsetFormat.SEQUENCE, builtSequence);
            current.put(OffsetFormat.SAVED_AT, nowMillis);
            offset = current;
        }
        return offset;
    }

    private Map<String, Object> stablePart(DomainState domain) {
        Map<String, Object> part = new HashMap<>();
        part.put(OffsetFormat.FORMAT, OffsetFormat.FORMAT_VERSION);
        part.put(OffsetFormat.SAMPLING_DEFAULT, domain.defaultSamplingRate());
        part.put(OffsetFormat.SYSTEM_INIT, domain.systemInitMillis());
        Map<Long, Long> samplers = new TreeMap<>();
        domain.forEachProvenSampler((id, rate) -> {
            if (samplers.size() < OffsetFormat.MAX_SAVED_SAMPLERS) {
                samplers.put(id, rate);
            }
        });
        part.put(OffsetFormat.SAMPLERS, OffsetFormat.encodeSamplers(samplers));
        part.put(OffsetFormat.TEMPLATES, OffsetFormat.encodeIds(savedTemplates));
        SortedSet<Integer> buckets = new TreeSet<>();
        savedBuckets.stream().forEach(buckets::add);
        part.put(OffsetFormat.INTERFACES, OffsetFormat.encodeIds(buckets));
        return part;
    }

    static boolean sameLayout(Template a, Template b) {
        return a == b || a.sameLayoutAs(b);
    }
}
