package org.bwnetflow.connect.bgp.speaker;

/** A large community (RFC 8092): three 32-bit numbers, written {@code global:local1:local2}. */
public record LargeCommunity(long globalAdmin, long localData1, long localData2) implements Community {

    public LargeCommunity {
        if (out(globalAdmin) || out(localData1) || out(localData2)) {
            throw new IllegalArgumentException("a large community has three numbers of 0-4294967295, not "
                    + globalAdmin + ":" + localData1 + ":" + localData2);
        }
    }

    private static boolean out(long value) {
        return value < 0 || value > 0xffff_ffffL;
    }

    @Override
    public String toString() {
        return globalAdmin + ":" + localData1 + ":" + localData2;
    }
}
