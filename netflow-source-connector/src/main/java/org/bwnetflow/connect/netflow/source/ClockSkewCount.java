package org.bwnetflow.connect.netflow.source;

import org.bwnetflow.connect.model.FlowClock;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;

/**
 * Counts, per exporter and for the task, the flows whose TimeFlowEnd the shared clock policy
 * ({@link FlowClock}) does not trust: further than {@code flow.time.tolerance.ms} from the
 * datagram's receive time, which becomes the record's timestamp. The flow is not changed:
 * consumers apply the policy themselves and replace such a time by the record's; this count
 * names the router whose clock is wrong. It judges TimeFlowEnd as the record carries it (whole
 * seconds), so it counts exactly the flows a consumer with the same tolerance corrects.
 *
 * <p>Used by the decoding (poll) thread only; {@link TaskCounters} publishes the total to metric readers.
 */
final class ClockSkewCount {

    private final FlowClock clock;
    private long flows;

    ClockSkewCount(FlowClock clock) {
        this.clock = clock;
    }

    void count(DecodedFlow flow) {
        long end = FlowClock.secondsToMillis(flow.timeFlowEndMillis() / 1000); // as FlowStructMapper writes TimeFlowEnd
        if (clock.isSkewed(end, flow.timeReceivedMillis())) {
            flow.domain().exporter().countClockSkewed();
            flows++;
        }
    }

    /** The task's clock-skewed flows since it started. */
    long flows() {
        return flows;
    }
}
