package org.bwnetflow.connect.benchmarks.load;

/**
 * The address pair of each flow the harness sends, like a network's: a customer side cycling
 * through 10.0.0.0-10.3.255.255 (262,144 addresses; under the shipped demo prefixes that is
 * customers 1000, 1001, 1100 and 1200 and unassigned space) and a remote side counting up
 * through 1.0.0.0-9.255.255.255, so no pair repeats within 150 million flows; except that a share of the flows ({@code repeatShare}, spread
 * evenly) come from 1,024 repeat talkers, fixed pairs that recur all the time.
 */
final class TrafficAddresses {

    static final int REPEAT_TALKERS = 1024;
    private static final int CUSTOMER_BASE = 0x0A00_0000; // 10.0.0.0
    private static final int CUSTOMER_SPACE = 1 << 18; // up to 10.3.255.255
    private static final int REMOTE_BASE = 0x0100_0000; // 1.0.0.0
    private static final int REMOTE_SPACE = CUSTOMER_BASE - REMOTE_BASE; // up to 9.255.255.255
    private static final int TALKER_REMOTE_BASE = 0x5102_4500; // 81.2.69.0, in the GeoIP test databases

    private final double repeatShare;
    private double repeatCredit;
    private int customer;
    private int remote;
    private int talker;
    private int source;
    private int destination;

    TrafficAddresses(double repeatShare) {
        if (repeatShare < 0 || repeatShare > 1) {
            throw new IllegalArgumentException("repeat share must be within 0..1, not " + repeatShare);
        }
        this.repeatShare = repeatShare;
    }

    /** Moves to the next flow's pair. */
    void next() {
        repeatCredit += repeatShare;
        if (repeatCredit >= 1) {
            repeatCredit -= 1;
            int t = talker;
            talker = (talker + 1) % REPEAT_TALKERS;
            source = CUSTOMER_BASE + t * (CUSTOMER_SPACE / REPEAT_TALKERS);
            destination = TALKER_REMOTE_BASE + t % 256;
        } else {
            source = CUSTOMER_BASE + customer;
            destination = REMOTE_BASE + remote;
            customer = (customer + 1) % CUSTOMER_SPACE;
            remote = (remote + 1) % REMOTE_SPACE;
        }
    }

    int source() {
        return source;
    }

    int destination() {
        return destination;
    }

    String describe() {
        return repeatShare == 0 ? "every flow a new address pair (customer side cycling over 262,144 addresses in 10.0.0.0/14)"
                : String.format("%.0f%% of flows from %,d repeat talkers, the rest new address pairs", repeatShare * 100,
                        REPEAT_TALKERS);
    }
}
