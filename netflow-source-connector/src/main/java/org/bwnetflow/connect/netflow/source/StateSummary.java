package org.bwnetflow.connect.netflow.source;

import org.bwnetflow.connect.netflow.decode.DecoderCounters;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.decode.StateKind;
import org.bwnetflow.connect.netflow.source.offsets.OffsetJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line a minute (at most) about the decoder's state when something was evicted,
 * expired or refused since the last one: evictions are the sign of a flood or a budget too small.
 */
final class StateSummary {

    private static final Logger log = LoggerFactory.getLogger(StateSummary.class);

    private long lastEvicted;
    private long lastExpired;
    private long lastRejected;

    void logIfChanged(NetFlowDecoder decoder, OffsetJournal journal) {
        DecoderCounters c = decoder.counters();
        long rejected = c.exportersRejected() + c.domainsRejected() + c.templatesRejected() + c.optionsRejected();
        if (c.evictedTotal() == lastEvicted && c.expiredTotal() == lastExpired && rejected == lastRejected) {
            return;
        }
        log.info("Decoder state {} of {} MiB ({} MiB proven), {} exporter(s); evicted so far: {} exporters, {} domains, "
                        + "{} templates, {} interfaces, {} samplers; expired: {} exporters, {} domains, {} templates; "
                        + "refused: {}; offsets written {}, deleted {}",
                decoder.stateBytes() >> 20, decoder.settings().stateMaxBytes() >> 20, decoder.provenStateBytes() >> 20,
                decoder.exporterCount(), c.evicted(StateKind.EXPORTER), c.evicted(StateKind.DOMAIN),
                c.evicted(StateKind.TEMPLATE), c.evicted(StateKind.INTERFACE), c.evicted(StateKind.SAMPLER),
                c.expired(StateKind.EXPORTER), c.expired(StateKind.DOMAIN), c.expired(StateKind.TEMPLATE), rejected,
                journal.writes(), journal.tombstones());
        lastEvicted = c.evictedTotal();
        lastExpired = c.expiredTotal();
        lastRejected = rejected;
    }
}
