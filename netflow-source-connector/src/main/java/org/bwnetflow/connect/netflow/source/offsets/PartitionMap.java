package org.bwnetflow.connect.netflow.source.offsets;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable source partition that remembers its hash code. Connect keys its per-partition
 * bookkeeping by the partition map of every record it sends; a HashMap-backed map recomputes
 * its hash from its entries each time. Iterates (and so serializes) in the order of the HashMap
 * it was built from.
 */
final class PartitionMap extends AbstractMap<String, Object> {

    private final Set<Map.Entry<String, Object>> entries;
    private final int hash;

    PartitionMap(HashMap<String, Object> values) {
        this.entries = Collections.unmodifiableMap(values).entrySet();
        this.hash = values.hashCode();
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return entries;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof Map && hash == o.hashCode() && super.equals(o);
    }
}
