package org.bwnetflow.connect.netflow.decode;

/** The kinds of decoder state a datagram can make us keep; evictions and expiries are counted per kind. */
public enum StateKind {
    EXPORTER, DOMAIN, TEMPLATE, INTERFACE, SAMPLER;

    static final StateKind[] ALL = values();
}
