package org.bwnetflow.connect.ddos.detection;

import java.util.List;

/**
 * An event of a flood at a target: its start, an update while it lasts (only with
 * {@link DetectorSettings#updateIntervalSeconds}), its end. Times are the flows' own (unix seconds):
 * {@code start} is the second the window first exceeded the threshold, {@code end} when it fell
 * below for good (-1 but on an end), {@code at} the second the event was decided (the start's own
 * second, an update's, the second the end was certain). {@code peak} is the highest window rates of
 * the alert so far (null on a start). The top lists are the heaviest sources and destination ports
 * since the target was watched (start) or over the whole alert (update, end); their rates are
 * guaranteed lower bounds.
 *
 * <p>Every event of one alert carries its {@code id}, {@link #attackId} of the target and the start:
 * the same flows give the same ids, also when read again after a restart from the detector's state,
 * so a consumer can deduplicate by id, event and {@code at}.
 *
 * @param baseline the target's baseline for the hour, null if none (then the floor is the threshold)
 */
public record Alert(String event, String id, String target, Rates rates, double flowsPerSecond, Rates baseline,
                    Rates threshold, List<Source> topSources, List<Port> topPorts, long start, long end, Rates peak,
                    long at) {

    public static final String START = "start";
    public static final String UPDATE = "update";
    public static final String END = "end";

    /** A source address and its bits/s toward the target. */
    public record Source(String address, double bitsPerSecond) {
    }

    /** A destination port (with its IP protocol) and its bits/s at the target. */
    public record Port(int proto, int port, double bitsPerSecond) {
    }

    /** The id of the alert at {@code target} that started at unix second {@code start}: {@code 192.0.2.0/24@1772000109}. */
    public static String attackId(String target, long start) {
        return target + "@" + start;
    }
}
