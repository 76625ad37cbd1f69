package org.bwnetflow.connect.netflow.decode;

/**
 * Running totals of a decoder. One thread writes (the decoding one), metrics threads read.
 */
public final class DecoderCounters {

    volatile long datagrams;
    volatile long flows;
    volatile long reverseFlows;
    volatile long optionsRecords;
    volatile long templatesReceived;
    volatile long templateMisses;
    volatile long templatesRejected;
    volatile long templatesWithdrawn;
    volatile long optionsRejected;
    volatile long malformed;
    volatile long unknownVersion;
    volatile long exportersRejected;
    volatile long domainsRejected;
    volatile long sequenceGaps;
    volatile long sequenceMissing;
    volatile long timeFieldsUnusualLength;
    volatile long internalErrors;
    volatile long sflowSamples;
    volatile long sflowCounterSamples;
    volatile long sflowUnknownSamples;
    volatile long sflowUnknownRecords;
    private final long[] evicted = new long[StateKind.ALL.length];
    private final long[] expired = new long[StateKind.ALL.length];
    private volatile long evictedTotal;
    private volatile long expiredTotal;

    /** Counts a jump of an exporter's sequence numbers ({@code missing} units never arrived). */
    void sequenceGap(ExporterState exporter, long missing) {
        if (missing > 0) {
            sequenceGaps++;
            sequenceMissing += missing;
            exporter.sequenceGaps++;
            exporter.sequenceMissing += missing;
        }
    }

    void countEviction(StateKind kind) {
        evicted[kind.ordinal()]++;
        evictedTotal++; // volatile write: publishes the per-kind counts to readers
    }

    void countExpiry(StateKind kind) {
        expired[kind.ordinal()]++;
        expiredTotal++;
    }

    /** Datagrams handed to the decoder. */
    public long datagrams() {
        return datagrams;
    }

    /** Flow records decoded (the reverse halves of biflow records included). */
    public long flows() {
        return flows;
    }

    /** Flows made from the reverse half of an RFC 5103 biflow record. */
    public long reverseFlows() {
        return reverseFlows;
    }

    /** Options data records (sampling, interface tables); not flows. */
    public long optionsRecords() {
        return optionsRecords;
    }

    /** Template and options-template records received. */
    public long templatesReceived() {
        return templatesReceived;
    }

    /** Data sets skipped because their template was unknown (or expired). */
    public long templateMisses() {
        return templateMisses;
    }

    /** New templates the state budget could not make room for. */
    public long templatesRejected() {
        return templatesRejected;
    }

    /** Templates withdrawn by IPFIX template withdrawal messages (one by one or all at once). */
    public long templatesWithdrawn() {
        return templatesWithdrawn;
    }

    /** Options records whose new sampler or interface the state budget could not make room for. */
    public long optionsRejected() {
        return optionsRejected;
    }

    /** Datagrams or sets that broke the protocol's rules; the rest of the datagram is kept where possible. */
    public long malformed() {
        return malformed;
    }

    /** Datagrams of a version other than NetFlow 5, 9, IPFIX (10) and sFlow 5. */
    public long unknownVersion() {
        return unknownVersion;
    }

    /** Datagrams dropped because the state budget could not make room for a new exporter. */
    public long exportersRejected() {
        return exportersRejected;
    }

    /** Datagrams dropped because the state budget could not make room for a new domain of a known exporter. */
    public long domainsRejected() {
        return domainsRejected;
    }

    /** Times the export sequence number jumped forward (UDP loss upstream of us). */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /** Datagrams (v9, sFlow) or records (v5, IPFIX) the sequence numbers say never arrived. */
    public long sequenceMissing() {
        return sequenceMissing;
    }

    /**
     * Time fields of a length the decoder does not know for their type; the flow then takes its
     * times from other fields or the export time. (pmacct's 16-byte timevals are known.)
     */
    public long timeFieldsUnusualLength() {
        return timeFieldsUnusualLength;
    }

    /** Entries of this kind the state budget evicted to make room. */
    public long evicted(StateKind kind) {
        return evictedTotal >= 0 ? evicted[kind.ordinal()] : 0;
    }

    public long evictedTotal() {
        return evictedTotal;
    }

    /** Entries of this kind forgotten because they were idle (exporters, domains) or not refreshed (templates). */
    public long expired(StateKind kind) {
        return expiredTotal >= 0 ? expired[kind.ordinal()] : 0;
    }

    public long expiredTotal() {
        return expiredTotal;
    }

    /** sFlow flow samples (compact and expanded) decoded into flows. */
    public long sflowSamples() {
        return sflowSamples;
    }

    /** sFlow counter samples (compact and expanded): counted, not decoded. */
    public long sflowCounterSamples() {
        return sflowCounterSamples;
    }

    /** sFlow samples of a format other than flow and counter samples, skipped by their length. */
    public long sflowUnknownSamples() {
        return sflowUnknownSamples;
    }

    /** sFlow flow records of a format the decoder does not read, skipped by their length. */
    public long sflowUnknownRecords() {
        return sflowUnknownRecords;
    }

    /** Decoder bugs caught by the last-resort guard; always 0 unless something is wrong here. */
    public long internalErrors() {
        return internalErrors;
    }

    @Override
    public String toString() {
        return "datagrams=" + datagrams + " flows=" + flows + " reverseFlows=" + reverseFlows
                + " options=" + optionsRecords + " templates=" + templatesReceived + " templateMisses=" + templateMisses
                + " templatesRejected=" + templatesRejected + " templatesWithdrawn=" + templatesWithdrawn
                + " optionsRejected=" + optionsRejected + " malformed=" + malformed
                + " unknownVersion=" + unknownVersion + " exportersRejected=" + exportersRejected
                + " domainsRejected=" + domainsRejected + " sequenceGaps=" + sequenceGaps
                + " sequenceMissing=" + sequenceMissing + " timeFieldsUnusualLength=" + timeFieldsUnusualLength
                + " evicted=" + evictedTotal + " expired=" + expiredTotal + " sflowSamples=" + sflowSamples
                + " sflowCounterSamples=" + sflowCounterSamples + " sflowUnknownSamples=" + sflowUnknownSamples
                + " sflowUnknownRecords=" + sflowUnknownRecords + " internalErrors=" + internalErrors;
    }
}
