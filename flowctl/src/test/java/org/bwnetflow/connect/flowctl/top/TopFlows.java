package org.bwnetflow.connect.flowctl.top;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;

/** Flows for the top view's tests. */
final class TopFlows {

    private TopFlows() {
    }

    static Struct flow(String src, String dst, long second, long bytes, long packets, int proto) {
        Struct flow = TestFlows.flow(src, dst);
        Flows.setNumber(flow, FlowField.TIME_RECEIVED, second);
        Flows.setNumber(flow, FlowField.BYTES, bytes);
        Flows.setNumber(flow, FlowField.PACKETS, packets);
        Flows.setNumber(flow, FlowField.PROTO, proto);
        return flow;
    }
}
