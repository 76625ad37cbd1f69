package org.bwnetflow.connect.tenant.route;

/**
 * The topic name per customer id, built once: a small direct-mapped cache (a slot per
 * {@code cid & mask}, a collision replaces the slot), so memory is bounded however many customer
 * ids flows carry and routing a record builds no string and boxes no number in the common case.
 * Not thread-safe: Connect gives each task its own transform instance.
 */
public final class TopicCache {

    private final String prefix;
    private final long[] cids;
    private final String[] topics;
    private final int mask;

    /** A cache of {@code slots} entries (rounded up to a power of two). */
    public TopicCache(String prefix, int slots) {
        int size = Integer.highestOneBit(Math.max(1, slots - 1)) << 1;
        this.prefix = prefix;
        this.cids = new long[size];
        this.topics = new String[size];
        this.mask = size - 1;
    }

    /** {@code prefix + cid}. */
    public String topic(long cid) {
        int slot = (int) (cid ^ (cid >>> 16)) & mask;
        String topic = topics[slot];
        if (topic != null && cids[slot] == cid) {
            return topic;
        }
        topic = prefix + cid;
        cids[slot] = cid;
        topics[slot] = topic;
        return topic;
    }
}
