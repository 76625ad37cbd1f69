package org.bwnetflow.connect.netflow.decode;

import java.nio.charset.StandardCharsets;

/** The parts of an options data record the decoder keeps: sampling and interface tables. */
final class OptionsRecord {

    long samplingInterval;
    long samplerRandomInterval;
    long samplingPacketInterval;
    long samplingPacketSpace;
    long samplerId;
    boolean hasSamplerId;
    long ifIndex;
    boolean hasIfIndex;
    String ifName;
    String ifDescription;
    long systemInitMillis;

    void sampler(long id) {
        samplerId = id;
        hasSamplerId = true;
    }

    void ifIndex(long index) {
        ifIndex = index;
        hasIfIndex = true;
    }

    void reset() {
        samplingInterval = samplerRandomInterval = samplingPacketInterval = samplingPacketSpace = 0;
        samplerId = ifIndex = systemInitMillis = 0;
        hasSamplerId = hasIfIndex = false;
        ifName = ifDescription = null;
    }

    /** The 1-in-N rate this record announces, or 0. */
    long samplingRate() {
        if (samplingPacketInterval > 0 && samplingPacketSpace > 0) {
            // PSAMP systematic count-based: select `interval` packets, then skip `space`.
            return (samplingPacketInterval + samplingPacketSpace) / samplingPacketInterval;
        }
        if (samplingPacketInterval > 0) {
            return samplingPacketInterval;
        }
        if (samplerRandomInterval > 0) {
            return samplerRandomInterval;
        }
        return samplingInterval;
    }

    /** Interface names come NUL-padded in fixed-length fields. */
    static String text(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8).strip();
    }
}
