package org.bwnetflow.connect.bmp.source.session;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.bwnetflow.connect.bmp.decode.BmpMessageType;

/** What the BMP station saw of its connections and their messages, for the task's metrics. */
public final class StationCounters {

    public final LongAdder accepted = new LongAdder();
    public final LongAdder refusedNotAllowed = new LongAdder();
    public final LongAdder refusedLimit = new LongAdder();
    public final LongAdder closedMalformed = new LongAdder();
    public final LongAdder closedByRouter = new LongAdder();
    public final LongAdder replacedByReconnect = new LongAdder();
    /** Messages of types this version does not know (and Route Mirroring): skipped. */
    public final LongAdder unknownMessages = new LongAdder();
    /** Adj-RIB-In AS paths that began with the router's own AS, which was taken off ({@link LocalAsPrepend}). */
    public final LongAdder localAsRemoved = new LongAdder();
    public final LongAdder bytesRead = new LongAdder();
    /** How often the station stopped reading because the queue to poll() was full. */
    public final LongAdder pauses = new LongAdder();
    private final Map<BmpMessageType, LongAdder> messages = new EnumMap<>(BmpMessageType.class);

    public StationCounters() {
        for (BmpMessageType type : BmpMessageType.values()) {
            messages.put(type, new LongAdder());
        }
    }

    public LongAdder messages(BmpMessageType type) {
        return messages.get(type);
    }
}
