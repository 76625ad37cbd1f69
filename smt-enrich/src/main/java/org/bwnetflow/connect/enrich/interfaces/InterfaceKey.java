package org.bwnetflow.connect.enrich.interfaces;

import java.util.Arrays;

/** An interface of an exporter: the exporter's address (4 or 16 bytes) and the ifIndex. */
public final class InterfaceKey {

    private final byte[] exporter;
    private final long ifIndex;
    private final int hash;

    /** The array is kept, not copied: pass one that is not modified afterwards. */
    public InterfaceKey(byte[] exporter, long ifIndex) {
        this.exporter = exporter;
        this.ifIndex = ifIndex;
        this.hash = Arrays.hashCode(exporter) * 31 + Long.hashCode(ifIndex);
    }

    public byte[] exporter() {
        return exporter;
    }

    public long ifIndex() {
        return ifIndex;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof InterfaceKey)) {
            return false;
        }
        InterfaceKey other = (InterfaceKey) o;
        return hash == other.hash && ifIndex == other.ifIndex && Arrays.equals(exporter, other.exporter);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
