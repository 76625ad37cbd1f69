package org.bwnetflow.connect.netflow.decode;

/**
 * Hooks into the decoder's state, for whoever keeps a copy of it (the source task saves proven
 * state in Connect offsets and keeps per-exporter metrics). Called on the decoding thread.
 *
 * <p>Only <em>proven</em> state is reported: state that decoded at least one flow. Whatever a
 * flood of templates or options that never decode a flow makes the decoder keep stays private
 * to it and is never worth saving.
 */
public interface StateListener {

    StateListener NONE = new StateListener() {
    };

    /** A datagram arrived from an exporter not kept until now. */
    default void exporterAdded(ExporterState exporter) {
    }

    /** An exporter decoded its first flow (since it was last forgotten). */
    default void exporterProven(ExporterState exporter) {
    }

    /** An exporter was forgotten (idle or evicted); {@link #domainRemoved} came first for each of its domains. */
    default void exporterRemoved(ExporterState exporter) {
    }

    /** A domain was forgotten (idle or evicted), with everything it held. */
    default void domainRemoved(DomainState domain) {
    }

    /** A template decoded its first flow, or, once proven, was resent (refreshed) or changed its layout. */
    default void provenTemplateChanged(DomainState domain, int templateId) {
    }

    /** A template that had decoded flows was withdrawn, expired or evicted. */
    default void provenTemplateRemoved(DomainState domain, int templateId) {
    }

    /** An interface entry that named a flow's interface was learnt, renamed, expired or evicted. */
    default void provenInterfaceChanged(DomainState domain, long ifIndex) {
    }
}
