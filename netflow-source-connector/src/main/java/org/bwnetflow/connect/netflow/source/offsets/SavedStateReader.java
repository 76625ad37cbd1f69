package org.bwnetflow.connect.netflow.source.offsets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.netflow.decode.InterfaceInfo;
import org.bwnetflow.connect.netflow.decode.SavedDomain;
import org.bwnetflow.connect.netflow.decode.SavedTemplate;
import org.bwnetflow.connect.netflow.decode.Template;

/**
 * Turns a domain's offsets back into decoder state, tolerant of what it cannot read: a damaged
 * entry costs that entry (the exporter resends it anyway), never the task.
 *
 * <p>Age decides what comes back: a domain saved longer ago than the idle expiry would have
 * been forgotten had the task been running, so nothing of it is restored; a template gets only
 * what is left of the template expiry since the exporter last sent it.
 */
final class SavedStateReader {

    /** Most template partitions read for one domain; a real exporter uses tens. */
    static final int MAX_TEMPLATES_READ = 4096;

    private final long templateExpiryMillis;
    private final long idleExpiryMillis;

    SavedStateReader(long templateExpiryMillis, long idleExpiryMillis) {
        this.templateExpiryMillis = templateExpiryMillis;
        this.idleExpiryMillis = idleExpiryMillis;
    }

    /** Whether the domain offset is one of ours and recent enough to restore from. */
    boolean isRestorable(Map<String, Object> domainOffset, long nowMillis) {
        return OffsetFormat.isCurrentFormat(domainOffset)
                && nowMillis - OffsetFormat.number(domainOffset, OffsetFormat.SAVED_AT, 0) <= idleExpiryMillis;
    }

    /** The child partitions (templates, interface buckets) the domain offset lists. */
    List<Map<String, Object>> childPartitions(Map<String, Object> domainPartition, Map<String, Object> domainOffset) {
        List<Map<String, Object>> children = new ArrayList<>();
        for (int id : OffsetFormat.decodeIds(domainOffset.get(OffsetFormat.TEMPLATES), MAX_TEMPLATES_READ)) {
            children.add(OffsetFormat.templatePartition(domainPartition, id));
        }
        for (int bucket : OffsetFormat.decodeIds(domainOffset.get(OffsetFormat.INTERFACES), OffsetFormat.INTERFACE_BUCKETS)) {
            children.add(OffsetFormat.interfacePartition(domainPartition, bucket));
        }
        return children;
    }

    /** The state and index of one domain from its offset and its children's offsets (by partition). */
    Restored read(Map<String, Object> domainPartition, Map<String, Object> domainOffset,
            Map<Map<String, Object>, Map<String, Object>> children, long nowMillis) {
        int[] unreadable = {0};
        List<Integer> templateIds = OffsetFormat.decodeIds(domainOffset.get(OffsetFormat.TEMPLATES), MAX_TEMPLATES_READ);
        List<SavedTemplate> templates = new ArrayList<>();
        for (int id : templateIds) {
            SavedTemplate t = template(children.get(OffsetFormat.templatePartition(domainPartition, id)), id);
            if (t == null) {
                unreadable[0]++;
            } else if (nowMillis - t.refreshedMillis() <= templateExpiryMillis) {
                templates.add(t);
            }
        }
        List<Integer> buckets = OffsetFormat.decodeIds(domainOffset.get(OffsetFormat.INTERFACES), OffsetFormat.INTERFACE_BUCKETS);
        Map<Long, InterfaceInfo> interfaces = new HashMap<>();
        for (int bucket : buckets) {
            Map<String, Object> offset = children.get(OffsetFormat.interfacePartition(domainPartition, bucket));
            if (OffsetFormat.isCurrentFormat(offset) && offset.get(OffsetFormat.INTERFACES) instanceof String) {
                interfaces.putAll(OffsetFormat.decodeInterfaces((String) offset.get(OffsetFormat.INTERFACES), unreadable));
            } else {
                unreadable[0]++;
            }
        }
        Map<Long, Long> samplers = OffsetFormat.decodeSamplers(domainOffset.get(OffsetFormat.SAMPLERS), unreadable);
        SavedDomain saved = new SavedDomain(templates, interfaces, samplers,
                OffsetFormat.number(domainOffset, OffsetFormat.SAMPLING_DEFAULT, 0),
                OffsetFormat.number(domainOffset, OffsetFormat.SYSTEM_INIT, 0),
                OffsetFormat.number(domainOffset, OffsetFormat.SEQUENCE, -1));
        return new Restored(saved, new RestoredIndex(templateIds, templates, buckets, false), unreadable[0]);
    }

    /** A domain saved too long ago: nothing comes back, and everything it lists is to be deleted. */
    Restored stale(Map<String, Object> domainOffset) {
        List<Integer> templateIds = OffsetFormat.decodeIds(domainOffset.get(OffsetFormat.TEMPLATES), MAX_TEMPLATES_READ);
        List<Integer> buckets = OffsetFormat.decodeIds(domainOffset.get(OffsetFormat.INTERFACES), OffsetFormat.INTERFACE_BUCKETS);
        return new Restored(SavedDomain.empty(), new RestoredIndex(templateIds, List.of(), buckets, true), 0);
    }

    private static SavedTemplate template(Map<String, Object> offset, int id) {
        if (!OffsetFormat.isCurrentFormat(offset) || !(offset.get(OffsetFormat.TEMPLATE) instanceof String)) {
            return null;
        }
        Template template = OffsetFormat.decodeTemplate((String) offset.get(OffsetFormat.TEMPLATE));
        if (template == null || template.id() != id) {
            return null;
        }
        return new SavedTemplate(template, OffsetFormat.number(offset, OffsetFormat.REFRESHED_AT, 0));
    }

    /** What came back for one domain, and how many saved entries could not be read. */
    record Restored(SavedDomain saved, RestoredIndex index, int unreadable) {
    }
}
