package org.bwnetflow.connect.netflow.export;

import java.io.IOException;
import java.util.BitSet;

/**
 * A domain's datagram on its way to the collectors, and which of them have not taken it yet.
 * When a collector's socket refuses it, it is kept byte for byte and sent again later to that
 * collector only: the retry carries the same sequence number (a collector counts no gap and no
 * duplicate), the same templates, and the others do not get it twice.
 */
final class OutgoingDatagram {

    private final byte[] bytes;
    private final int flows;
    private final BitSet owed = new BitSet();

    OutgoingDatagram(byte[] bytes, int flows, int collectors) {
        this.bytes = bytes;
        this.flows = flows;
        owed.set(0, collectors);
    }

    /**
     * Hands the datagram to each collector that has not taken it yet.
     *
     * @throws IOException the first refusal (others suppressed into it) when a collector still lacks it
     */
    void sendTo(CollectorSender sender) throws IOException {
        IOException refusal = null;
        for (int collector = owed.nextSetBit(0); collector >= 0; collector = owed.nextSetBit(collector + 1)) {
            try {
                sender.send(collector, bytes);
                owed.clear(collector);
            } catch (IOException e) {
                IOException named = new IOException(sender.collectors().get(collector) + " refused: " + describe(e), e);
                if (refusal == null) {
                    refusal = named;
                } else {
                    refusal.addSuppressed(named);
                }
            }
        }
        if (refusal != null) {
            throw refusal;
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }

    int flows() {
        return flows;
    }
}
