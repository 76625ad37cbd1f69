package org.bwnetflow.connect.benchmarks;

import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.FlowListener;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hands a few fields of every flow to JMH's Blackhole, so the decoding of a record cannot be
 * optimised away, without doing work of its own (no copies, no allocation). Fields that come
 * from the record (counters, ports, protocol, address family) and from resolution (end time).
 */
final class ConsumingListener implements FlowListener {

    /** Set by the benchmark method before each call (a field, so no capturing lambda is allocated). */
    Blackhole blackhole;

    @Override
    public void onFlow(DecodedFlow flow) {
        Blackhole bh = blackhole;
        bh.consume(flow.bytes());
        bh.consume(flow.packets());
        bh.consume(flow.timeFlowEndMillis());
        bh.consume(flow.srcPort() | flow.dstPort() << 16 | flow.proto() << 32 | (long) flow.srcAddrLength() << 40);
    }
}
