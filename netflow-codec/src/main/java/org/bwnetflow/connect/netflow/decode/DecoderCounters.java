package org.bwnetflow.connect.netflow.decode;

/**
 * Running totals of a decoder. One thread writes (the decoding one), metrics threads read.
 */
public final class DecoderCounters {

    volatile long datagrams;
    volatile long flows;
    volatile long optionsRecords;
    volatile long templatesReceived;
    volatile long templateMisses;
    volatile long templatesRejected;
    volatile long optionsRejected;
    volatile long malformed;
    volatile long unknownVersion;
    volatile long exportersRejected;
    volatile long sequenceGaps;
    volatile long sequenceMissing;
    volatile long internalErrors;

    /** Counts a jump of an exporter's sequence numbers ({@code missing} units never arrived). */
    void sequenceGap(ExporterState exporter, long missing) {
        if (missing > 0) {
            sequenceGaps++;
            sequenceMissing += missing;
            exporter.sequenceGaps++;
            exporter.sequenceMissing += missing;
        }
    }

    /** Datagrams handed to the decoder. */
    public long datagrams() {
        return datagrams;
    }

    /** Flow records decoded. */
    public long flows() {
        return flows;
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

    /** Templates refused because an exporter reached its template limit. */
    public long templatesRejected() {
        return templatesRejected;
    }

    /** Options records whose new sampler or interface was refused by a per-domain limit. */
    public long optionsRejected() {
        return optionsRejected;
    }

    /** Datagrams or sets that broke the protocol's rules; the rest of the datagram is kept where possible. */
    public long malformed() {
        return malformed;
    }

    /** Datagrams of a version other than 5, 9 and 10. */
    public long unknownVersion() {
        return unknownVersion;
    }

    /** Datagrams dropped because the exporter or domain limit was reached. */
    public long exportersRejected() {
        return exportersRejected;
    }

    /** Times the export sequence number jumped forward (UDP loss upstream of us). */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /** Datagrams (v9) or records (v5, IPFIX) the sequence numbers say never arrived. */
    public long sequenceMissing() {
        return sequenceMissing;
    }

    /** Decoder bugs caught by the last-resort guard; always 0 unless something is wrong here. */
    public long internalErrors() {
        return internalErrors;
    }

    @Override
    public String toString() {
        return "datagrams=" + datagrams + " flows=" + flows + " options=" + optionsRecords
                + " templates=" + templatesReceived + " templateMisses=" + templateMisses
                + " templatesRejected=" + templatesRejected + " optionsRejected=" + optionsRejected
                + " malformed=" + malformed
                + " unknownVersion=" + unknownVersion + " exportersRejected=" + exportersRejected
                + " sequenceGaps=" + sequenceGaps + " sequenceMissing=" + sequenceMissing
                + " internalErrors=" + internalErrors;
    }
}
