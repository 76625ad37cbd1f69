package org.bwnetflow.connect.bmp.source.rib;

import org.bwnetflow.connect.bmp.rib.RouteKey;

/**
 * Keys of one table and family that all got their tombstone cause together (a Peer Down, a sweep, a
 * router gone): the set that held them, read slot by slot as their tombstones are written. A key is
 * marked once written or announced again meanwhile; the set is not changed otherwise.
 */
final class DoomedKeys {

    final TableKeys owner;
    final TombstoneCause cause;
    private final KeySet keys;
    private int cursor;

    DoomedKeys(TableKeys owner, KeySet keys, TombstoneCause cause) {
        this.owner = owner;
        this.keys = keys;
        this.cause = cause;
    }

    /** Tombstones still to be written. */
    int remaining() {
        return keys.size() - keys.marked();
    }

    /** The next key to tombstone, marked as written; null when none is left. */
    RouteKey next(byte[] router) {
        for (; cursor < keys.capacity(); cursor++) {
            if (keys.used(cursor) && !keys.marked(cursor)) {
                keys.mark(cursor);
                return owner.key(router, keys, cursor++);
            }
        }
        return null;
    }

    /** A key announced again before its tombstone was written: true when it waited here. */
    boolean spare(byte[] prefix, int length, long pathId) {
        return PrefixWords.ipv6(prefix) == keys.ipv6() && keys.markIfUnmarked(PrefixWords.high(prefix),
                PrefixWords.low(prefix), length, PrefixWords.pathId(pathId));
    }
}
