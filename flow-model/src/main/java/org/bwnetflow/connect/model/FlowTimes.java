package org.bwnetflow.connect.model;

import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_END;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_START;
import static org.bwnetflow.connect.model.FlowField.TIME_RECEIVED;

import java.time.Duration;
import org.apache.kafka.connect.data.Struct;

/**
 * The time a command or a detector files or windows a flow by, under the project's clock policy ({@link FlowClock}):
 * the exporter's clock is judged by the flow's TimeFlowEnd against the reference our side set, the
 * record's Kafka timestamp (the NetFlow source sets it to the datagram's receive time; TimeReceived
 * when a record has none). Further than the tolerance from it, the flow's times are not trusted and
 * the reference takes their place, counted as corrected. Within it, the flow's own time is used, but
 * never one after the reference: a flow is over before its record is made, so an exporter clock a
 * little ahead does not move a window or a file into the future either. One instance per command run
 * or detector (single-threaded, it counts).
 */
public final class FlowTimes {

    private final FlowClock clock;
    private long corrected;

    public FlowTimes(long toleranceMillis) {
        this.clock = new FlowClock(toleranceMillis);
    }

    /** The flow's end in Unix milliseconds by the policy; 0 when neither the flow nor its record has a time. */
    public long endMillis(Struct flow, long recordTimestampMillis) {
        long reference = reference(flow, recordTimestampMillis);
        long end = FlowClock.secondsToMillis(Flows.number(flow, TIME_FLOW_END));
        if (reference <= 0) {
            return end;
        }
        if (clock.isSkewed(end, reference)) {
            corrected++;
            return reference;
        }
        return end == 0 ? reference : Math.min(end, reference);
    }

    /**
     * The flow's start in Unix milliseconds by the policy (the exporter's clock judged by the end, or
     * by the start when the flow has no end); the end when the start is missing or after it; 0 when
     * neither the flow nor its record has a time.
     */
    public long startMillis(Struct flow, long recordTimestampMillis) {
        long reference = reference(flow, recordTimestampMillis);
        long start = FlowClock.secondsToMillis(Flows.number(flow, TIME_FLOW_START));
        long end = FlowClock.secondsToMillis(Flows.number(flow, TIME_FLOW_END));
        if (reference <= 0) {
            return start != 0 ? start : end;
        }
        if (clock.isSkewed(end != 0 ? end : start, reference)) {
            corrected++;
            return reference;
        }
        boolean startUsable = start != 0 && (end == 0 || start <= end);
        long time = startUsable ? start : end != 0 ? end : reference;
        return Math.min(time, reference);
    }

    /** Flows whose time was further than the tolerance from their record's and was replaced. */
    public long corrected() {
        return corrected;
    }

    public long toleranceMillis() {
        return clock.toleranceMillis();
    }

    /** For a command's summary line: ", N flow times corrected (...)", or nothing when none was. */
    public String summary() {
        if (corrected == 0) {
            return "";
        }
        return ", " + corrected + " flow times corrected (further than " + text(Duration.ofMillis(toleranceMillis()))
                + " from their record time, which was used)";
    }

    /** The record's timestamp, else the flow's TimeReceived; 0 when neither is set. */
    private static long reference(Struct flow, long recordTimestampMillis) {
        return recordTimestampMillis > 0 ? recordTimestampMillis
                : FlowClock.secondsToMillis(Flows.number(flow, TIME_RECEIVED));
    }

    private static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
