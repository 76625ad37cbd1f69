package org.bwnetflow.connect.netflow.export;

import java.io.IOException;
import java.util.BitSet;
import java.util.function.Supplier;

/**
 * A domain's datagram on its way to the collectors, and which of them have not taken it yet.
 * When a collector's socket refuses it, it is kept and sent again later to that collector only,
 * with the same sequence number, flows and time (a collector counts no gap and no duplicate, and
 * the others do not get it twice), and with the templates: a collector that was unreachable may
 * have restarted and forgotten them.
 */
final class OutgoingDatagram {

    private final byte[] bytes;
    private final Supplier<byte[]> withTemplates;
    private final int flows;
    private final BitSet owed = new BitSet();
    private final BitSet refusedBy = new BitSet();
    private byte[] again;

    /** @param withTemplates the same datagram with templates (built only when a collector refused it) */
    OutgoingDatagram(byte[] bytes, Supplier<byte[]> withTemplates, int flows, int collectors) {
        this.bytes = bytes;
        this.withTemplates = withTemplates;
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
                sender.send(collector, refusedBy.get(collector) ? again() : bytes);
                owed.clear(collector);
            } catch (IOException e) {
                refusedBy.set(collector);
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

    private byte[] again() {
        if (again == null) {
            again = withTemplates.get();
        }
        return again;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " " + e.getMessage();
    }

    int flows() {
        return flows;
    }
}
