package org.bwnetflow.connect.it;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;

/** A FlowMessage record read back from the topic, with its addresses as text (RFC 5952, as tshark prints). */
record SFlowRecord(Struct flow) {

    long number(FlowField field) {
        return field == FlowField.TYPE ? Flows.enumValue(flow, field) : Flows.number(flow, field);
    }

    String srcAddr() {
        return FlowJson.addressText(Flows.bytes(flow, FlowField.SRC_ADDR));
    }

    String dstAddr() {
        return FlowJson.addressText(Flows.bytes(flow, FlowField.DST_ADDR));
    }

    String samplerAddress() {
        return FlowJson.addressText(Flows.bytes(flow, FlowField.SAMPLER_ADDRESS));
    }
}
