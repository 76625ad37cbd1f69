package org.bwnetflow.connect.netflow.decode;

/**
 * Hooks into the decoder's state: the source task restores a new domain from its offsets
 * and registers per-exporter metrics here.
 */
public interface DecoderStateListener {

    DecoderStateListener NONE = new DecoderStateListener() {
    };

    /** A datagram arrived from an exporter not seen before (or forgotten since). */
    default void onNewExporter(ExporterState exporter) {
    }

    /** First datagram of an exporter's source id / observation domain: the moment to restore saved state. */
    default void onNewDomain(DomainState domain) {
    }

    /** An idle exporter was forgotten. */
    default void onExporterRemoved(ExporterState exporter) {
    }
}
