package org.bwnetflow.connect.netflow.source;

import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;

/**
 * The task's own counts (restores), a snapshot of the decoder's state size and of the flows
 * counted as clock-skewed, written by the poll thread and read by metric readers on other threads.
 */
final class TaskCounters {

    /** Domains whose saved state came back from the offsets. */
    volatile long domainsRestored;
    /** New domains decoded without waiting for saved state, because too many reads were queued. */
    volatile long restoresSkipped;
    /** Domains whose saved state did not arrive within offsets.restore.timeout.ms. */
    volatile long restoresTimedOut;
    volatile long stateBytes;
    volatile long provenStateBytes;
    volatile long exporters;
    volatile long clockSkewed;

    void publish(NetFlowDecoder decoder, ClockSkewCount clockSkew) {
        stateBytes = decoder.stateBytes();
        provenStateBytes = decoder.provenStateBytes();
        exporters = decoder.exporterCount();
        clockSkewed = clockSkew.flows();
    }
}
