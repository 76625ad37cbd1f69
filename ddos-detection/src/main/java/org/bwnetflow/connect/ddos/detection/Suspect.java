package org.bwnetflow.connect.ddos.detection;

/**
 * A target whose window went above half its threshold: watched (its top sources and ports are
 * counted from then on, which keeps that cost off the many quiet targets), and perhaps in alert.
 *
 * <p>An alert starts when either rate exceeds its threshold once the top lists hold a flow: the
 * detector starts it at the flow that takes the window above it (a watch begins at the flow that
 * takes the window above half of it, so that flow is the flood's), or at a second's end when the
 * threshold fell (a new hour's baseline, the warmup's end). It ends when both rates
 * have stayed at or below their thresholds for a whole window: a flood that pauses and resumes
 * within a window stays one alert. A watch not in alert is released when the target falls back
 * below half its threshold.
 *
 * <p>An alert imported from the state ({@link #restored}) is in alert from the start. While the
 * detector warms up after a restart its window is still filling: a window below the thresholds says
 * nothing then and does not count toward the end; one above keeps it going and counts for its peak.
 */
final class Suspect {

    /** What an update changed. */
    enum Change { NONE, STARTED, ENDED, RELEASED }

    static final int SOURCE_CANDIDATES = 256;
    static final int PORT_CANDIDATES = 64;

    private final int windowSeconds;
    private Rates threshold;
    private boolean counted;
    private final TopTalkers<Prefix> sources = new TopTalkers<>(SOURCE_CANDIDATES);
    private final TopTalkers<Integer> ports = new TopTalkers<>(PORT_CANDIDATES);
    private long talkersFrom;
    private long generationFrom;
    private long start = -1;
    private long belowSince = -1;
    private Rates peak = Rates.ZERO;
    private String id;
    private OpenAttack reported;
    private boolean imported;

    Suspect(long second, int windowSeconds, Rates threshold) {
        this.windowSeconds = windowSeconds;
        this.threshold = threshold;
        this.talkersFrom = second;
        this.generationFrom = second;
    }

    /** An open alert read back from the state: in alert since its start, with its id, peak and what it last reported. */
    static Suspect restored(OpenAttack attack, int windowSeconds) {
        // In alert already: the threshold, which only a start is tested against, comes with the next second's decision.
        Suspect suspect = new Suspect(attack.start(), windowSeconds, Rates.ZERO);
        suspect.start = attack.start();
        suspect.id = attack.id();
        suspect.peak = attack.peak();
        suspect.reported = attack;
        suspect.imported = true;
        return suspect;
    }

    /** The detector's first second after a restart: an imported alert's top lists count from here. */
    void resume(long second) {
        talkersFrom = second;
        generationFrom = second;
    }

    /** A flow to the target (after the watch began). */
    void add(Prefix source, int proto, int port, long bytes) {
        counted = true;
        if (source != null) {
            sources.add(source, bytes);
        }
        ports.add(proto << 16 | port, bytes);
    }

    /**
     * The decision at the end of {@code second}, given the window's rates and the threshold. Only if
     * {@code mayStart} (not during warmup) may a new alert start, or an alert's window below the
     * threshold count toward its end.
     */
    Change update(long second, Rates rates, Rates threshold, boolean mayStart) {
        this.threshold = threshold;
        boolean above = rates.exceeds(threshold);
        if (start < 0) {
            if (above && mayStart && counted) {
                return Change.STARTED;
            }
            if (!rates.exceeds(threshold.times(0.5))) {
                return Change.RELEASED;
            }
            if (second - generationFrom >= windowSeconds) { // not yet in alert: follow the recent traffic
                talkersFrom = generationFrom;
                generationFrom = second;
                sources.rotate();
                ports.rotate();
            }
            return Change.NONE;
        }
        peak = peak.max(rates);
        if (above) {
            belowSince = -1;
            return Change.NONE;
        }
        if (!mayStart) {
            return Change.NONE; // an imported alert while the window fills again: below proves nothing yet
        }
        if (belowSince < 0) {
            belowSince = second;
        }
        return second - belowSince + 1 >= windowSeconds ? Change.ENDED : Change.NONE;
    }

    /** The alert starts at {@code second} with the window's {@code rates} (its first peak). */
    void begin(long second, Rates rates) {
        start = second;
        peak = rates;
    }

    /** The threshold of the last decision (at the watch's start, then each second's end). */
    Rates threshold() {
        return threshold;
    }

    boolean alerting() {
        return start >= 0;
    }

    /** The second the alert started (its window first exceeded the threshold); -1 if none. */
    long start() {
        return start;
    }

    /** The second the window fell below the thresholds (the alert's end once it ended); -1 if above. */
    long belowSince() {
        return belowSince;
    }

    Rates peak() {
        return peak;
    }

    TopTalkers<Prefix> sources() {
        return sources;
    }

    TopTalkers<Integer> ports() {
        return ports;
    }

    /** The alert's id ({@link Alert#attackId}), set at its start; null before. */
    String id() {
        return id;
    }

    void identify(String alertId) {
        this.id = alertId;
    }

    /** Whether the alert was read back from the state (its top lists before the restart are in {@link #reported}). */
    boolean imported() {
        return imported;
    }

    /** What the alert's last start or update said (its state to export); null before the start. */
    OpenAttack reported() {
        return reported;
    }

    void reported(OpenAttack attack) {
        this.reported = attack;
    }

    /** The seconds the top lists cover up to {@code until}: their bytes over this are their rates. */
    long talkerSeconds(long until) {
        return Math.max(1, until - talkersFrom);
    }
}
