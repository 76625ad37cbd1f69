package org.bwnetflow.connect.netflow.source.offsets;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.bwnetflow.connect.netflow.source.Datagram;

/**
 * Datagrams of domains whose saved state is being read, held until it arrives so that the first
 * data datagram after a restart decodes with the saved templates. Bounded in bytes and per
 * domain: when a datagram does not fit, the caller decodes it at once instead (and gives up the
 * restore for that domain), so nothing is dropped here. Poll thread only.
 */
public final class PendingDatagrams {

    static final int MAX_PER_DOMAIN = 256;

    private final long maxBytes;
    private final LinkedHashMap<StateRestorer.DomainKey, Waiting> waiting = new LinkedHashMap<>();
    private long bytes;
    private volatile long heldBytes;

    public PendingDatagrams(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public boolean isWaiting(StateRestorer.DomainKey key) {
        return waiting.containsKey(key);
    }

    /** Whether a datagram of this size fits now. */
    public boolean hasRoomFor(Datagram datagram) {
        return bytes + datagram.data().length <= maxBytes;
    }

    /** Starts waiting for a domain's state, with its first datagram (the caller checked {@link #hasRoomFor}). */
    public void start(StateRestorer.DomainKey key, Datagram first, long nowMillis) {
        waiting.put(key, new Waiting(nowMillis));
        add(key, first);
    }

    /** Holds a datagram of a domain already waiting; false when it does not fit (nothing was held). */
    public boolean add(StateRestorer.DomainKey key, Datagram datagram) {
        Waiting w = waiting.get(key);
        int size = datagram.data().length;
        if (w == null || w.datagrams.size() >= MAX_PER_DOMAIN || bytes + size > maxBytes) {
            return false;
        }
        w.datagrams.add(datagram);
        bytes += size;
        heldBytes = bytes;
        return true;
    }

    /** Stops waiting for a domain; its datagrams, in arrival order, go to {@code decode}. */
    public void release(StateRestorer.DomainKey key, Consumer<Datagram> decode) {
        Waiting w = waiting.remove(key);
        if (w != null) {
            drain(w, decode);
        }
    }

    /** Gives up on domains that waited longer than {@code timeoutMillis}; returns how many. */
    public int releaseOlderThan(long timeoutMillis, long nowMillis, Consumer<Datagram> decode) {
        int released = 0;
        Iterator<Map.Entry<StateRestorer.DomainKey, Waiting>> it = waiting.entrySet().iterator();
        while (it.hasNext()) {
            Waiting w = it.next().getValue();
            if (nowMillis - w.sinceMillis < timeoutMillis) {
                break; // insertion order: the rest waited less
            }
            it.remove();
            drain(w, decode);
            released++;
        }
        return released;
    }

    private void drain(Waiting w, Consumer<Datagram> decode) {
        for (Datagram d : w.datagrams) {
            bytes -= d.data().length;
        }
        heldBytes = bytes;
        w.datagrams.forEach(decode);
    }

    public int domains() {
        return waiting.size();
    }

    public long heldBytes() {
        return heldBytes;
    }

    private static final class Waiting {
        final long sinceMillis;
        final ArrayDeque<Datagram> datagrams = new ArrayDeque<>();

        Waiting(long sinceMillis) {
            this.sinceMillis = sinceMillis;
        }
    }
}
