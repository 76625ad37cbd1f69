package org.bwnetflow.connect.netflow.decode;

/** Receives each decoded flow; the instance is reused, so copy what you keep. */
@FunctionalInterface
public interface FlowListener {
    void onFlow(DecodedFlow flow);
}
