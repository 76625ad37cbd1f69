package org.bwnetflow.connect.netflow.source.offsets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.DomainState;
import org.bwnetflow.connect.netflow.decode.InterfaceInfo;
import org.bwnetflow.connect.netflow.decode.SavedTemplate;
import org.bwnetflow.connect.netflow.decode.StateListener;

/**
 * Saves the decoder's proven state in Connect's offsets, one small partition per template and
 * per interface bucket, and deletes (tombstones) what the decoder forgets.
 *
 * <p>Connect writes offsets only for the partitions records carry, so pending writes ride on
 * flow records: {@link #offsetFor} gives each record the oldest pending write, or else its own
 * domain's offset (sequence number and index). A write is resolved when a record takes it, from
 * the state as it is then, so a burst of changes to one partition costs one write.
 * Single-threaded: the poll thread decodes, receives the events and builds the records.
 */
public final class OffsetJournal implements StateListener {

    private final long refreshSaveMillis;
    private final LongSupplier clock;
    /** Pending writes by partition, oldest first; a newer write to the same partition replaces the older. */
    private final LinkedHashMap<Map<String, Object>, Pending> pending = new LinkedHashMap<>();
    /** Writes that cannot be resolved yet (interface buckets within a second of the last scan), set aside. */
    private final LinkedHashMap<Map<String, Object>, Pending> deferred = new LinkedHashMap<>();
    private long nextDeferredCheck;
    private final LongAdder writes = new LongAdder();
    private final LongAdder tombstones = new LongAdder();
    private final LongAdder entriesCut = new LongAdder();
    private volatile long largestOffsetBytes;

    /**
     * @param templateExpiryMillis a saved template's refresh time is rewritten once it is older than a quarter of this,
     *                             so a restored template never outlives its expiry by more than that quarter
     */
    public OffsetJournal(long templateExpiryMillis, LongSupplier clock) {
        this.refreshSaveMillis = templateExpiryMillis / 4;
        this.clock = clock;
    }

    /** The partition and offset the record of this flow carries. */
    public OffsetWrite offsetFor(DecodedFlow flow) {
        resumeDeferred();
        while (!pending.isEmpty()) {
            Iterator<Map.Entry<Map<String, Object>, Pending>> it = pending.entrySet().iterator();
            Map.Entry<Map<String, Object>, Pending> first = it.next();
            it.remove();
            OffsetWrite write = first.getValue().resolve(first.getKey());
            if (write == DEFERRED) {
                deferred.put(first.getKey(), first.getValue()); // set aside once, not re-queued per record
            } else if (write != null) {
                count(write);
                return write;
            }
        }
        DomainState domain = flow.domain();
        DomainOffsets offsets = DomainOffsets.of(domain);
        return new OffsetWrite(offsets.partition, offsets.offset(domain, clock.getAsLong()));
    }

    /** Every tenth of a second, deferred writes go back to the queue (never over a newer write, e.g. a tombstone). */
    private void resumeDeferred() {
        if (deferred.isEmpty()) {
            return;
        }
        long now = clock.getAsLong();
        if (now < nextDeferredCheck) {
            return;
        }
        nextDeferredCheck = now + BUCKET_RESOLVE_INTERVAL_MS / 10;
        deferred.forEach(pending::putIfAbsent);
        deferred.clear();
    }

    /** Writes waiting for a record to carry them. */
    public int pendingWrites() {
        return pending.size() + deferred.size();
    }

    public long writes() {
        return writes.sum();
    }

    public long tombstones() {
        return tombstones.sum();
    }

    /** Interface entries left out of a bucket offset that would have exceeded {@link OffsetFormat#MAX_OFFSET_BYTES}. */
    public long entriesCut() {
        return entriesCut.sum();
    }

    /** The largest offset value written so far, in bytes as the worker stores it. */
    public long largestOffsetBytes() {
        return largestOffsetBytes;
    }

    private void count(OffsetWrite write) {
        if (write.offset() == null) {
            tombstones.increment();
        } else {
            writes.increment();
            int size = OffsetFormat.jsonSize(write.offset());
            if (size > largestOffsetBytes) {
                largestOffsetBytes = size;
            }
        }
    }

    /** Domains restored from offsets: their saved partitions must be known, so they are deleted with them. */
    public void restored(DomainState domain, RestoredIndex index) {
        DomainOffsets offsets = DomainOffsets.of(domain);
        offsets.domainSaved = true;
        offsets.savedTemplates.addAll(index.templateIds());
        index.restoredTemplates().forEach(t -> offsets.writtenTemplates.put(t.template().id(), t));
        index.buckets().forEach(offsets.savedBuckets::set);
        indexChanged(domain, offsets);
        if (index.stale()) {
            index.buckets().forEach(bucket -> {
                offsets.dirtyBuckets.set(bucket);
                pending.put(OffsetFormat.interfacePartition(offsets.partition, bucket), new BucketWrite(domain, offsets, bucket));
            });
        }
        // Saved templates that did not come back (expired, unreadable) are deleted now.
        for (Integer id : index.templateIds()) {
            if (domain.provenTemplate(id) == null) {
                pending.put(OffsetFormat.templatePartition(offsets.partition, id), new TemplateWrite(domain, offsets, id));
            }
        }
    }

    /** The saved partitions of a domain changed: its offset (which lists them) must be written too. */
    private void indexChanged(DomainState domain, DomainOffsets offsets) {
        offsets.indexChanged();
        if (!offsets.removed) {
            pending.put(offsets.partition, partition -> new OffsetWrite(partition, offsets.offset(domain, clock.getAsLong())));
        }
    }

    @Override
    public void provenTemplateChanged(DomainState domain, int templateId) {
        DomainOffsets offsets = DomainOffsets.of(domain);
        SavedTemplate now = domain.provenTemplate(templateId);
        if (now != null && offsets.needsWrite(templateId, now, refreshSaveMillis)) {
            pending.put(OffsetFormat.templatePartition(offsets.partition, templateId),
                    new TemplateWrite(domain, offsets, templateId));
        }
    }

    @Override
    public void provenTemplateRemoved(DomainState domain, int templateId) {
        DomainOffsets offsets = DomainOffsets.of(domain);
        if (offsets.savedTemplates.contains(templateId)) {
            pending.put(OffsetFormat.templatePartition(offsets.partition, templateId),
                    new TemplateWrite(domain, offsets, templateId));
        }
    }

    @Override
    public void provenInterfaceChanged(DomainState domain, long ifIndex) {
        DomainOffsets offsets = DomainOffsets.of(domain);
        int bucket = OffsetFormat.bucketOf(ifIndex);
        if (!offsets.dirtyBuckets.get(bucket)) {
            offsets.dirtyBuckets.set(bucket);
            pending.put(OffsetFormat.interfacePartition(offsets.partition, bucket),
                    new BucketWrite(domain, offsets, bucket));
        }
    }

    @Override
    public void domainRemoved(DomainState domain) {
        if (!(domain.attachment() instanceof DomainOffsets)) {
            return; // nothing of it was ever saved (a flood's domains): nothing to delete
        }
        DomainOffsets offsets = DomainOffsets.of(domain);
        offsets.removed = true;
        for (Integer id : offsets.savedTemplates) {
            pending.put(OffsetFormat.templatePartition(offsets.partition, id), TOMBSTONE);
        }
        offsets.savedBuckets.stream()
                .forEach(bucket -> pending.put(OffsetFormat.interfacePartition(offsets.partition, bucket), TOMBSTONE));
        if (offsets.domainSaved) {
            pending.put(offsets.partition, TOMBSTONE);
        } else {
            pending.remove(offsets.partition);
        }
    }

    /** A write waiting for its carrier; resolved from the state as it is when a record takes it. */
    private interface Pending {
        /** The write, or null when nothing needs writing any more. */
        OffsetWrite resolve(Map<String, Object> partition);
    }

    private static final Pending TOMBSTONE = partition -> new OffsetWrite(partition, null);
    /** A write that cannot be resolved yet; it waits at the back of the queue. */
    private static final OffsetWrite DEFERRED = new OffsetWrite(Map.of(), null);
    /**
     * Resolving interface buckets scans the domain's interface table once for all its dirty
     * buckets; at most this often per domain, so learning a large table costs one scan a
     * second, not one per changed entry.
     */
    static final long BUCKET_RESOLVE_INTERVAL_MS = 1000;

    /** A template partition: the template as it is now, or its deletion. */
    private final class TemplateWrite implements Pending {
        private final DomainState domain;
        private final DomainOffsets offsets;
        private final int templateId;

        TemplateWrite(DomainState domain, DomainOffsets offsets, int templateId) {
            this.domain = domain;
            this.offsets = offsets;
            this.templateId = templateId;
        }

        @Override
        public OffsetWrite resolve(Map<String, Object> partition) {
            if (offsets.removed) {
                return null; // the domain's tombstones cover this partition
            }
            SavedTemplate template = domain.provenTemplate(templateId);
            if (template == null) {
                offsets.writtenTemplates.remove(templateId);
                if (!offsets.savedTemplates.remove(templateId)) {
                    return null;
                }
                indexChanged(domain, offsets);
                return new OffsetWrite(partition, null);
            }
            Map<String, Object> offset = new HashMap<>();
            offset.put(OffsetFormat.FORMAT, OffsetFormat.FORMAT_VERSION);
            offset.put(OffsetFormat.SAVED_AT, clock.getAsLong());
            offset.put(OffsetFormat.REFRESHED_AT, template.refreshedMillis());
            offset.put(OffsetFormat.TEMPLATE, OffsetFormat.encodeTemplate(template.template()));
            offsets.writtenTemplates.put(templateId, template);
            if (offsets.savedTemplates.add(templateId)) {
                indexChanged(domain, offsets);
            }
            return new OffsetWrite(partition, offset);
        }
    }

    /**
     * An interface bucket partition. Resolving one resolves every dirty bucket of its domain in
     * a single pass over the domain's interface table: the others wait, ready, in their places.
     */
    private final class BucketWrite implements Pending {
        private final DomainState domain;
        private final DomainOffsets offsets;
        private final int bucket;

        BucketWrite(DomainState domain, DomainOffsets offsets, int bucket) {
            this.domain = domain;
            this.offsets = offsets;
            this.bucket = bucket;
        }

        @Override
        public OffsetWrite resolve(Map<String, Object> partition) {
            if (offsets.removed || !offsets.dirtyBuckets.get(bucket)) {
                return null;
            }
            long now = clock.getAsLong();
            if (now < offsets.nextBucketResolveMillis) {
                return DEFERRED;
            }
            offsets.nextBucketResolveMillis = now + BUCKET_RESOLVE_INTERVAL_MS;
            Map<Integer, OffsetWrite> ready = resolveDirtyBuckets(domain, offsets);
            ready.forEach((b, write) -> {
                if (b != bucket) {
                    pending.replace(write.partition(), p -> write);
                }
            });
            return ready.get(bucket);
        }
    }

    private Map<Integer, OffsetWrite> resolveDirtyBuckets(DomainState domain, DomainOffsets offsets) {
        Map<Integer, Map<Long, InterfaceInfo>> byBucket = new HashMap<>();
        domain.forEachProvenInterface((ifIndex, info) -> {
            int b = OffsetFormat.bucketOf(ifIndex);
            if (offsets.dirtyBuckets.get(b)) {
                byBucket.computeIfAbsent(b, k -> new TreeMap<>()).put(ifIndex, info);
            }
        });
        Map<Integer, OffsetWrite> ready = new HashMap<>();
        List<Integer> dirty = new ArrayList<>();
        offsets.dirtyBuckets.stream().forEach(dirty::add);
        for (int b : dirty) {
            Map<String, Object> partition = OffsetFormat.interfacePartition(offsets.partition, b);
            Map<Long, InterfaceInfo> entries = byBucket.get(b);
            if (entries == null) {
                ready.put(b, new OffsetWrite(partition, null));
                if (offsets.savedBuckets.get(b)) {
                    offsets.savedBuckets.clear(b);
                    indexChanged(domain, offsets);
                } else {
                    ready.remove(b); // nothing saved, nothing to delete
                }
            } else {
                ready.put(b, new OffsetWrite(partition, bucketOffset(entries)));
                if (!offsets.savedBuckets.get(b)) {
                    offsets.savedBuckets.set(b);
                    indexChanged(domain, offsets);
                }
            }
        }
        offsets.dirtyBuckets.clear();
        return ready;
    }

    /** The bucket's entries, as many as fit under the offset size bound; the rest are counted. */
    private Map<String, Object> bucketOffset(Map<Long, InterfaceInfo> entries) {
        Map<String, Object> offset = new HashMap<>();
        offset.put(OffsetFormat.FORMAT, OffsetFormat.FORMAT_VERSION);
        offset.put(OffsetFormat.SAVED_AT, clock.getAsLong());
        Map<Long, InterfaceInfo> kept = new LinkedHashMap<>();
        int budget = OffsetFormat.MAX_OFFSET_BYTES - 256;
        for (Map.Entry<Long, InterfaceInfo> e : entries.entrySet()) {
            int size = OffsetFormat.jsonSize(Map.of("i", OffsetFormat.encodeInterfaces(Map.of(e.getKey(), e.getValue()))));
            if (size > budget) {
                entriesCut.increment();
                continue;
            }
            budget -= size;
            kept.put(e.getKey(), e.getValue());
        }
        offset.put(OffsetFormat.INTERFACES, OffsetFormat.encodeInterfaces(kept));
        return offset;
    }
}
