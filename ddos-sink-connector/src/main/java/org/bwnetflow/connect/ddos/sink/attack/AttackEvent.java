package org.bwnetflow.connect.ddos.sink.attack;

import java.util.List;

/**
 * One event of an attack on one customer's address, as the sink publishes it (attacks topic, database)
 * and the mitigation acts on it. Times are the detector's event time in epoch seconds; the id is the same
 * for every event of one attack and for a replay of it (target and start), so consumers deduplicate.
 *
 * @param kind          start, update (while it lasts) or end
 * @param cid           the customer whose flows showed it
 * @param attackId      stable id of the attack
 * @param target        the attacked address (or prefix) in CIDR text
 * @param startSecond   when its window first exceeded the threshold
 * @param eventSecond   the second this event describes (the end: when it fell below)
 * @param bitsPerSecond the window's rate at the event
 * @param packetsPerSecond the window's packet rate at the event
 * @param thresholdBitsPerSecond  the threshold it was judged against
 * @param thresholdPacketsPerSecond the packet threshold
 * @param sources       the heaviest sources, heaviest first
 * @param ports         the heaviest protocol and destination port pairs, heaviest first
 */
public record AttackEvent(Kind kind, long cid, String attackId, String target, long startSecond, long eventSecond,
                          double bitsPerSecond, double packetsPerSecond, double thresholdBitsPerSecond,
                          double thresholdPacketsPerSecond, List<Source> sources, List<Port> ports) {

    /** What happened. */
    public enum Kind { START, UPDATE, END }

    /** A source address and its share in bits/s. */
    public record Source(String address, double bitsPerSecond) {
    }

    /** An IP protocol and destination port and its share in bits/s. */
    public record Port(int protocol, int port, double bitsPerSecond) {
    }

    public AttackEvent {
        sources = List.copyOf(sources);
        ports = List.copyOf(ports);
    }

    /** As many ports as the detector lists at most: a shorter list holds every port it counted. */
    static final int LISTED_PORTS = 5;

    /**
     * The heaviest protocol/port pair if it carries at least {@code share} (0-1) of the attack's bits, else null. A list
     * shorter than {@link #LISTED_PORTS} holds every port counted since the watch began, so its sum is the attack's
     * traffic on the same time base as the top port's rate; that is the measure then. (A start decided at the flow
     * that crossed the threshold has lists of part of a second counted as a whole one, rates far below the window's.)
     * A full list may leave ports out: the window's rate is the measure.
     */
    public Port dominantPort(double share) {
        if (ports.isEmpty() || bitsPerSecond <= 0) {
            return null;
        }
        Port top = ports.get(0);
        double total = ports.size() < LISTED_PORTS ? ports.stream().mapToDouble(Port::bitsPerSecond).sum() : bitsPerSecond;
        return top.bitsPerSecond() >= share * total ? top : null;
    }

    /** True when the target is one address (/32 or /128), not a prefix. */
    public boolean hostTarget() {
        int slash = target.indexOf('/');
        if (slash < 0) {
            return true;
        }
        String length = target.substring(slash + 1);
        return target.indexOf(':') >= 0 ? "128".equals(length) : "32".equals(length);
    }
}
