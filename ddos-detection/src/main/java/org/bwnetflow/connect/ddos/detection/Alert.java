package org.bwnetflow.connect.ddos.detection;

import java.util.List;

/**
 * The start or end of a flood at a target. Times are the flows' own (unix seconds); {@code end} is
 * when the window fell below the thresholds (-1 on a start), and {@code peak} the highest window
 * rates of the alert (on an end). The top lists are the heaviest sources and destination ports
 * since the target was watched (start) or over the whole alert (end); their rates are guaranteed
 * lower bounds.
 *
 * @param baseline the target's baseline for the hour, null if none (then the floor is the threshold)
 */
public record Alert(String event, String target, Rates rates, double flowsPerSecond, Rates baseline, Rates threshold,
                    List<Source> topSources, List<Port> topPorts, long start, long end, Rates peak) {

    public static final String START = "start";
    public static final String END = "end";

    /** A source address and its bits/s toward the target. */
    public record Source(String address, double bitsPerSecond) {
    }

    /** A destination port (with its IP protocol) and its bits/s at the target. */
    public record Port(int proto, int port, double bitsPerSecond) {
    }
}
