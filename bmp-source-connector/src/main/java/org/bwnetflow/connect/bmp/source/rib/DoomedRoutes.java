package org.bwnetflow.connect.bmp.source.rib;

import java.util.ArrayDeque;
import java.util.function.BiConsumer;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/**
 * A router's routes gone whose tombstones are still to be written, oldest batch first: a Peer Down
 * or a router gone may end millions of routes at once, more than the queue to poll() should hold,
 * so they are written as it drains. The keys stay in the compact sets they were held in
 * ({@link DoomedKeys}); a key announced again meanwhile is marked done there, as its new record
 * supersedes the tombstone.
 */
final class DoomedRoutes {

    private final ArrayDeque<DoomedKeys> batches = new ArrayDeque<>();

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /** Queues the keys' tombstones; returns how many. */
    int add(TableKeys owner, KeySet keys, TombstoneCause cause) {
        if (keys.size() == 0) {
            return 0;
        }
        DoomedKeys batch = new DoomedKeys(owner, keys, cause);
        batches.add(batch);
        owner.doomed.add(batch);
        return batch.remaining();
    }

    /** Hands up to {@code budget} tombstones to {@code write}, oldest first; returns how many. */
    int write(byte[] router, int budget, BiConsumer<RouteKey, TombstoneCause> write) {
        int written = 0;
        while (!batches.isEmpty()) {
            DoomedKeys batch = batches.peek();
            if (batch.remaining() == 0) { // all written, or announced again meanwhile
                batches.poll();
                batch.owner.doomed.remove(batch);
                continue;
            }
            if (written == budget) {
                break;
            }
            write.accept(batch.next(router), batch.cause);
            written++;
        }
        return written;
    }
}
