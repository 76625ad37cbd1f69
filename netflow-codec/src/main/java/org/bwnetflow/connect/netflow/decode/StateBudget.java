package org.bwnetflow.connect.netflow.decode;

/**
 * Bounds, in bytes, everything the decoder keeps because of what datagrams said, and decides
 * what goes when the bound is reached.
 *
 * <p>A segmented LRU: new state enters <em>probation</em>; state that decoded a flow is
 * <em>proven</em> and moves to the protected segment. Eviction always takes the least recently
 * used probation entry, so a flood of templates, domains or interface tables that never decode
 * a flow only ever pushes out its own kind. Proven state may fill at most
 * {@link #PROVEN_SHARE_PERCENT}% of the budget; beyond that its least recently used entries
 * are demoted to probation, which keeps room for newcomers (a genuine exporter's first template)
 * under any flood. A new entry that could only fit by evicting proven state is refused.
 *
 * <p>The exporter and domain of the datagram being decoded are pinned: the entries they hold may
 * go, they may not. Single-threaded, like the decoder that owns it.
 */
final class StateBudget {

    static final int PROVEN_SHARE_PERCENT = 80;

    private final long maxBytes;
    private final long provenMaxBytes;
    private final Segment probation = new Segment(BudgetEntry.PROBATION);
    private final Segment proven = new Segment(BudgetEntry.PROVEN);
    private final DecoderCounters counters;
    private BudgetEntry pinnedExporter;
    private BudgetEntry pinnedDomain;
    private long refused;

    StateBudget(long maxBytes, DecoderCounters counters) {
        this.maxBytes = maxBytes;
        this.counters = counters;
        this.provenMaxBytes = maxBytes / 100 * PROVEN_SHARE_PERCENT;
    }

    long maxBytes() {
        return maxBytes;
    }

    long usedBytes() {
        return probation.bytes + proven.bytes;
    }

    long provenBytes() {
        return proven.bytes;
    }

    long refused() {
        return refused;
    }

    void pin(BudgetEntry exporter, BudgetEntry domain) {
        pinnedExporter = exporter;
        pinnedDomain = domain;
    }

    void unpin() {
        pinnedExporter = null;
        pinnedDomain = null;
    }

    /**
     * Charges a new entry, unproven, making room by evicting older unproven state; false when it
     * did not fit (it is then not attached, and the caller must not keep it).
     */
    boolean admit(BudgetEntry entry, long bytes) {
        entry.chargedBytes = bytes;
        probation.addFirst(entry);
        makeRoom(entry);
        if (!entry.isAttached()) {
            refused++;
            return false;
        }
        return true;
    }

    /** Charges state restored from a saved copy: it was proven before, so it starts proven. */
    boolean admitProven(BudgetEntry entry, long bytes) {
        if (!admit(entry, bytes)) {
            return false;
        }
        prove(entry);
        return entry.isAttached();
    }

    /** The entry now takes {@code bytes} (a template replaced, an interface renamed). */
    boolean resize(BudgetEntry entry, long bytes) {
        Segment segment = segmentOf(entry);
        segment.bytes += bytes - entry.chargedBytes;
        entry.chargedBytes = bytes;
        makeRoom(entry);
        return entry.isAttached();
    }

    /** The entry was used: it becomes the most recently used of its segment. */
    void touch(BudgetEntry entry) {
        if (entry.isAttached() && entry.newer != null) {
            Segment segment = segmentOf(entry);
            segment.unlink(entry);
            segment.linkFirst(entry);
        }
    }

    /** The entry decoded a flow: it moves to (or to the front of) the protected segment. */
    void prove(BudgetEntry entry) {
        if (entry.segment == BudgetEntry.PROVEN) {
            touch(entry);
            return;
        }
        if (entry.segment != BudgetEntry.PROBATION) {
            return;
        }
        probation.remove(entry);
        proven.addFirst(entry);
        entry.everProven = true;
        while (proven.bytes > provenMaxBytes && proven.oldest != entry) {
            BudgetEntry demoted = proven.oldest;
            proven.remove(demoted);
            probation.addFirst(demoted);
        }
    }

    /** The owner dropped the entry (expired, withdrawn, replaced, or evicted with its parent). */
    void release(BudgetEntry entry) {
        if (entry.isAttached()) {
            segmentOf(entry).remove(entry);
        }
    }

    private void makeRoom(BudgetEntry admitted) {
        while (usedBytes() > maxBytes && admitted.isAttached()) {
            BudgetEntry victim = oldestEvictable(probation, admitted);
            if (victim == null) {
                if (!admitted.isProven()) {
                    release(admitted); // only proven state may push out proven state
                    return;
                }
                victim = oldestEvictable(proven, admitted);
                if (victim == null) {
                    return; // only pinned state is left: a budget far too small; nothing to do
                }
            }
            counters.countEviction(victim.kind());
            victim.evict();
            release(victim); // in case the owner had already let go of it
        }
    }

    private BudgetEntry oldestEvictable(Segment segment, BudgetEntry admitted) {
        for (BudgetEntry e = segment.oldest; e != null; e = e.newer) {
            if (e != admitted && e != pinnedExporter && e != pinnedDomain) {
                return e;
            }
        }
        return null;
    }

    private Segment segmentOf(BudgetEntry entry) {
        return entry.segment == BudgetEntry.PROVEN ? proven : probation;
    }

    /** One LRU list: {@code newest} is the most recently used entry, {@code oldest} the next to go. */
    private static final class Segment {
        final byte marker;
        BudgetEntry newest;
        BudgetEntry oldest;
        long bytes;

        Segment(byte marker) {
            this.marker = marker;
        }

        void addFirst(BudgetEntry e) {
            linkFirst(e);
            e.segment = marker;
            bytes += e.chargedBytes;
        }

        void remove(BudgetEntry e) {
            unlink(e);
            bytes -= e.chargedBytes;
            e.segment = BudgetEntry.DETACHED;
        }

        void linkFirst(BudgetEntry e) {
            e.newer = null;
            e.older = newest;
            if (newest != null) {
                newest.newer = e;
            }
            newest = e;
            if (oldest == null) {
                oldest = e;
            }
        }

        void unlink(BudgetEntry e) {
            if (e.newer != null) {
                e.newer.older = e.older;
            } else {
                newest = e.older;
            }
            if (e.older != null) {
                e.older.newer = e.newer;
            } else {
                oldest = e.newer;
            }
            e.newer = null;
            e.older = null;
        }
    }
}
