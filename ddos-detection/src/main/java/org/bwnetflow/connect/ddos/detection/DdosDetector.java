package org.bwnetflow.connect.ddos.detection;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.Counters;
import org.bwnetflow.connect.model.FlowClock;
import org.bwnetflow.connect.model.FlowTimes;
import org.bwnetflow.connect.model.Flows;

/**
 * Volume-based flood detection per destination (or prefix), fed with flows; no Kafka and no I/O in
 * here. Not thread-safe: one thread feeds a detector, exports and imports its state.
 *
 * <p>Time is the flows' own: a flow's second is its TimeFlowEnd under the clock policy
 * ({@link FlowTimes}): a TimeFlowEnd further than the tolerance from the record's timestamp (the
 * receive time; TimeReceived for a flow without one) is replaced by it and counted as corrected, and
 * a time within the tolerance but after it is cut to it, so an exporter clock ahead does not drag the
 * clock into the future, nor a clock behind make its flows late. The clock is the highest second
 * seen (a watermark). So replaying a topic from the beginning gives the alerts that watching it live
 * gave. When the clock moves past a second, that second is
 * closed: every target's window is evaluated against its threshold, and at the end of each
 * window-aligned period its rates are folded into the baseline. Flows older than the window are
 * dropped (counted as late): their window has been judged.
 *
 * <p>No alert starts in the first {@code warmupSeconds} after the first flow (default one window):
 * until then no window has been seen in full, and when reading from the newest record the slower
 * exporters' flows for those seconds may still be on their way; alerting on such a window would be
 * deciding on part of the traffic. A flood under way at the start is reported once the warmup ends.
 *
 * <p>Learning never takes a window in which the target was in alert or above its threshold, so a
 * flood does not become the normal (except with learn-only, where there are no alerts and the
 * first run over history has to learn whatever traffic there is). A target with no baseline yet is
 * only added once a window of it exceeds floor / multiple, below which its threshold would be the
 * floor anyway: that keeps the baseline to the targets it matters for. Windows without any traffic
 * are not folded in (the target is not tracked then), which errs on the high side for targets with
 * intermittent traffic.
 *
 * <p>Events: a start, then (with {@link DetectorSettings#updateIntervalSeconds}) an update every that
 * many seconds after the start while the alert lasts, with the window's rates, the peak and the top
 * lists, and an end. All carry the alert's id ({@link Alert#attackId}).
 *
 * <p>State that survives a restart ({@link #exportState}, {@link #exportChanges}, {@link #importState}):
 * the baseline, the open alerts as last reported, and the clock, as {@link StateRecord}s for a
 * compacted topic. The window is not part of it: a restarted detector fills it again from the flows
 * it reads (a restart goes through the warmup again). An imported open alert stays open without a
 * second start and keeps its id; during the warmup its window below the thresholds proves nothing
 * (the window is still filling) and it does not end, nor is it updated. After the warmup it ends when
 * its window has been below the thresholds for a whole window, as any alert; a target never seen again
 * ends so after warmup + window of event time. Imported seconds up to the clock are not judged again:
 * flows of them still count in the window, older ones are late. docs/ddos-detection.md has the model.
 */
public final class DdosDetector {

    static final int TOP = 5;

    private final DetectorSettings settings;
    private final Thresholds thresholds;
    private final HourlyBaseline baseline;
    private final Consumer<Alert> alerts;
    private final SlidingWindow window;
    private final FlowTimes flowTimes;
    private final Rates halfFloor;
    private final Map<Prefix, Suspect> suspects = new HashMap<>();
    private final Set<Prefix> changedAttacks = new HashSet<>();
    private final Set<String> endedAttacks = new HashSet<>();
    private long first = -1;
    private long watermark; // 0 before the first flow or an imported clock
    private long closed;
    private long exportedWatermark;
    private long flows;
    private long late;
    private long skipped;
    private long alertsStarted;

    public DdosDetector(DetectorSettings settings, HourlyBaseline baseline, Consumer<Alert> alerts) {
        this(settings, baseline, alerts, new FlowTimes(FlowClock.DEFAULT_TOLERANCE_MILLIS));
    }

    public DdosDetector(DetectorSettings settings, HourlyBaseline baseline, Consumer<Alert> alerts, FlowTimes flowTimes) {
        this.settings = settings;
        this.flowTimes = flowTimes;
        this.thresholds = settings.thresholds();
        this.halfFloor = thresholds.floor().times(0.5);
        this.baseline = baseline;
        this.alerts = alerts;
        this.window = new SlidingWindow(settings.windowSeconds(), settings.maxTargets());
    }

    /** A flow without a record timestamp (its TimeReceived is the reference); see {@link #accept(Struct, long)}. */
    public void accept(Struct flow) {
        accept(flow, -1);
    }

    /** One flow and its record's timestamp: advances the clock if it is the newest, then counts it at its target. */
    public void accept(Struct flow, long recordTimestampMillis) {
        flows++;
        long second = Math.floorDiv(flowTimes.endMillis(flow, recordTimestampMillis), 1000);
        Prefix target = Prefix.of(Flows.bytes(flow, DST_ADDR), settings.prefixLengthV4(), settings.prefixLengthV6());
        if (second <= 0 || target == null) {
            skipped++;
            return;
        }
        if (!advance(second)) {
            late++;
            return;
        }
        long factor = Flows.samplingFactor(flow);
        long bytes = Counters.scale(Flows.number(flow, BYTES), factor);
        if (!window.add(target, second, bytes, Counters.scale(Flows.number(flow, PACKETS), factor))) {
            return;
        }
        Suspect suspect = suspects.get(target);
        if (suspect == null) {
            suspect = watchOnCrossing(target);
            if (suspect == null) {
                return;
            }
        }
        suspect.add(Prefix.address(Flows.bytes(flow, SRC_ADDR)), (int) Flows.number(flow, PROTO),
                (int) Flows.number(flow, DST_PORT), bytes);
        if (!suspect.alerting() && mayStart(watermark) && window.exceeds(target, suspect.threshold())) {
            start(target, suspect, watermark); // at the flow that crossed, not at the end of its second
        }
    }

    /**
     * Starts watching a target at the flow that takes its window above half the floor and half its threshold, so
     * that its top lists hold the flood's first flows and an alert can start within the flood's first second.
     * The test against the floor is primitive; the baseline is looked up at most once a second per target.
     */
    private Suspect watchOnCrossing(Prefix target) {
        if (settings.learnOnly() || !window.firstAboveIn(target, watermark, halfFloor)) {
            return null;
        }
        Rates threshold = thresholds.of(baseline.reference(target.text(), baseline.hour(watermark)));
        if (!window.exceeds(target, threshold.times(0.5))) {
            return null;
        }
        Suspect suspect = new Suspect(watermark, settings.windowSeconds(), threshold);
        suspects.put(target, suspect);
        return suspect;
    }

    /** Whether an alert may start at the end of (or during) {@code second}: never learn-only, nor during the warmup. */
    private boolean mayStart(long second) {
        return !settings.learnOnly() && first >= 0 && second - first + 1 >= settings.warmupSeconds();
    }

    /** The start of an alert at {@code second}: its id, the start event, and its state from now on. */
    private void start(Prefix target, Suspect suspect, long second) {
        Rates rates = window.rates(target);
        Rates base = baseline.reference(target.text(), baseline.hour(second));
        suspect.begin(second, rates);
        alertsStarted++;
        suspect.identify(Alert.attackId(target.text(), second));
        report(alert(Alert.START, target, suspect, rates, base, suspect.threshold(), second), target, suspect);
    }

    /**
     * Moves event time to unix second {@code second} without a flow: the seconds before it are closed as
     * if a flow of {@code second} had come. For a caller that knows no flow of an earlier second will
     * come any more (e.g. a connector whose input is idle), so that open alerts can end; like a first
     * flow, a first call starts the warmup. A second at or before the clock does nothing.
     */
    public void advanceTo(long second) {
        if (second > watermark) {
            advance(second);
        }
    }

    /** Moves the clock to {@code second} if it is newer; false for a second already out of the window (a late flow). */
    private boolean advance(long second) {
        if (second > watermark) {
            if (first < 0) {
                closed = Math.max(closed, second - 1); // nothing seen to judge before (after a restart: a gap)
            } else {
                closeBefore(second);
            }
            watermark = second;
        } else if (second <= watermark - settings.windowSeconds()) {
            return false;
        }
        if (first < 0) {
            first = second; // the warmup begins; imported alerts count their top lists from here
            suspects.values().forEach(suspect -> suspect.resume(second));
        }
        return true;
    }

    /** Closes the seconds before {@code second}; when nothing is tracked, a gap is skipped at once. */
    private void closeBefore(long second) {
        for (long s = closed + 1; s < second; s++) {
            if (window.size() == 0 && suspects.isEmpty()) {
                break; // nothing can change before traffic comes back
            }
            closeSecond(s);
        }
        closed = Math.max(closed, second - 1);
    }

    /** The end of a second: windows move on, windows of a full period are learned, suspects decided. */
    private void closeSecond(long second) {
        window.advance(second);
        int hour = baseline.hour(second);
        int length = settings.windowSeconds();
        boolean periodEnd = (second + 1) % length == 0 && second - length + 1 >= first; // seen in full
        boolean mayStart = mayStart(second);
        for (Prefix target : window.targets()) {
            Rates rates = window.rates(target);
            if (periodEnd) {
                learn(target, second, hour, rates);
            }
            if (!settings.learnOnly()) {
                watch(target, second, hour, rates);
            }
        }
        for (Iterator<Map.Entry<Prefix, Suspect>> it = suspects.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Prefix, Suspect> e = it.next();
            if (decide(e.getKey(), e.getValue(), second, hour, mayStart)) {
                it.remove();
            }
        }
    }

    private void learn(Prefix target, long second, int hour, Rates rates) {
        String name = target.text();
        Suspect suspect = suspects.get(target);
        boolean flood = suspect != null && suspect.alerting() || rates.exceeds(thresholds.of(baseline.reference(name, hour)));
        if (flood && !settings.learnOnly()) {
            return;
        }
        if (baseline.knows(name) || rates.exceeds(thresholds.floor().times(1 / settings.multiple()))) {
            baseline.learn(name, hour, rates, second);
        }
    }

    /** Starts watching a target above half its threshold (a cheap test against the floor first). */
    private void watch(Prefix target, long second, int hour, Rates rates) {
        if (suspects.containsKey(target) || !rates.exceeds(thresholds.floor().times(0.5))) {
            return;
        }
        if (rates.exceeds(thresholds.of(baseline.reference(target.text(), hour)).times(0.5))) {
            suspects.put(target, new Suspect(second, settings.windowSeconds(), thresholds.of(baseline.reference(target.text(), hour))));
        }
    }

    /** Updates a suspect; true when it is done with (its alert ended, or it calmed down). */
    private boolean decide(Prefix target, Suspect suspect, long second, int hour, boolean mayStart) {
        Rates base = baseline.reference(target.text(), hour);
        Rates threshold = thresholds.of(base);
        Rates rates = window.rates(target);
        switch (suspect.update(second, rates, threshold, mayStart)) {
            case STARTED:
                start(target, suspect, second);
                return false;
            case ENDED:
                alerts.accept(alert(Alert.END, target, suspect, rates, base, threshold, second));
                changedAttacks.remove(target);
                endedAttacks.add(target.text());
                return true;
            case RELEASED:
                return true;
            default:
                if (mayStart && updateDue(suspect, second)) {
                    report(alert(Alert.UPDATE, target, suspect, rates, base, threshold, second), target, suspect);
                }
                return false;
        }
    }

    /** An alert is reported every updateIntervalSeconds after its start, counted from the start (so a replay reports the same seconds). */
    private boolean updateDue(Suspect suspect, long second) {
        int interval = settings.updateIntervalSeconds();
        return interval > 0 && suspect.alerting() && second > suspect.start() && (second - suspect.start()) % interval == 0;
    }

    /** Emits a start or an update, which is the open alert's state from now on. */
    private void report(Alert alert, Prefix target, Suspect suspect) {
        alerts.accept(alert);
        suspect.reported(new OpenAttack(target, alert.id(), alert.start(), alert.at(), suspect.peak(), alert.rates(),
                alert.flowsPerSecond(), alert.topSources(), alert.topPorts()));
        changedAttacks.add(target);
        endedAttacks.remove(target.text());
    }

    /**
     * An event decided at the end of second {@code at}; an end's top lists cover the alert up to its end.
     * An alert imported from the state has the heavier of what it reported before the restart and what it
     * counted since, each source or port at the higher of its two rates (so an attack that ended while the
     * detector was down ends with its attackers, not the normal traffic seen since).
     */
    private Alert alert(String event, Prefix target, Suspect suspect, Rates rates, Rates base, Rates threshold, long at) {
        boolean end = Alert.END.equals(event);
        double seconds = suspect.talkerSeconds(end ? suspect.belowSince() : at);
        List<Alert.Source> sources = suspect.sources().top(TOP).stream()
                .map(e -> new Alert.Source(e.getKey().text(), e.getValue() * 8.0 / seconds)).toList();
        List<Alert.Port> ports = suspect.ports().top(TOP).stream()
                .map(e -> new Alert.Port(e.getKey() >>> 16, e.getKey() & 0xFFFF, e.getValue() * 8.0 / seconds)).toList();
        if (suspect.imported()) {
            sources = merged(sources, suspect.reported().topSources(), Alert.Source::address, Alert.Source::bitsPerSecond);
            ports = merged(ports, suspect.reported().topPorts(), p -> p.proto() << 16 | p.port(), Alert.Port::bitsPerSecond);
        }
        return new Alert(event, suspect.id(), target.text(), rates, window.flowsPerSecond(target), base, threshold, sources,
                ports, suspect.start(), end ? suspect.belowSince() : -1, Alert.START.equals(event) ? null : suspect.peak(), at);
    }

    /** The {@link #TOP} heaviest of two top lists, a key in both at its higher rate. */
    private static <T, K> List<T> merged(List<T> since, List<T> before, Function<T, K> key, ToDoubleFunction<T> rate) {
        Map<K, T> byKey = new HashMap<>();
        before.forEach(t -> byKey.put(key.apply(t), t));
        since.forEach(t -> byKey.merge(key.apply(t), t, (a, b) -> rate.applyAsDouble(a) >= rate.applyAsDouble(b) ? a : b));
        return byKey.values().stream().sorted(Comparator.comparingDouble(rate).reversed()).limit(TOP).toList();
    }

    /**
     * The whole state as records for a compacted topic: the clock (once there is one), every target's
     * baseline and every open alert, and a tombstone for each alert ended and baseline evicted since the
     * last export. Afterwards nothing counts as changed. Sorted by key, the clock first.
     */
    public List<StateRecord> exportState() {
        List<StateRecord> records = new ArrayList<>();
        addClock(records);
        addBaselines(records, new TreeSet<>(baseline.targets()));
        baseline.takeChanged();
        List<Prefix> open = suspects.entrySet().stream().filter(e -> e.getValue().alerting()).map(Map.Entry::getKey).toList();
        addAttacks(records, open);
        changedAttacks.clear();
        addTombstones(records);
        return records;
    }

    /**
     * What changed since the last export, as records: the clock if it moved, the baselines learned, the
     * open alerts started or updated (their state is what they last reported), and a tombstone for each
     * alert ended and baseline evicted. Sorted by key, the clock first; empty when nothing changed.
     */
    public List<StateRecord> exportChanges() {
        List<StateRecord> records = new ArrayList<>();
        if (watermark != exportedWatermark) {
            addClock(records);
        }
        addBaselines(records, new TreeSet<>(baseline.takeChanged()));
        addAttacks(records, changedAttacks);
        changedAttacks.clear();
        addTombstones(records);
        return records;
    }

    private void addClock(List<StateRecord> records) {
        if (watermark > 0) {
            records.add(new StateRecord(StateRecord.CLOCK_KEY, StateCodec.clock(watermark, baseline.zone().getId())));
        }
        exportedWatermark = watermark;
    }

    private void addBaselines(List<StateRecord> records, Set<String> targets) {
        for (String target : targets) {
            BaselineEntry entry = baseline.entry(target);
            if (entry != null) {
                records.add(new StateRecord(StateRecord.BASELINE_PREFIX + target, StateCodec.baseline(entry)));
            }
        }
    }

    private void addAttacks(List<StateRecord> records, Collection<Prefix> targets) {
        List<StateRecord> attacks = new ArrayList<>();
        for (Prefix target : targets) {
            Suspect suspect = suspects.get(target);
            if (suspect != null && suspect.reported() != null) {
                attacks.add(new StateRecord(StateRecord.ATTACK_PREFIX + target.text(), StateCodec.attack(suspect.reported())));
            }
        }
        attacks.sort((a, b) -> a.key().compareTo(b.key()));
        records.addAll(attacks);
    }

    private void addTombstones(List<StateRecord> records) {
        Set<String> keys = new TreeSet<>();
        baseline.takeEvicted().forEach(target -> keys.add(StateRecord.BASELINE_PREFIX + target));
        endedAttacks.forEach(target -> keys.add(StateRecord.ATTACK_PREFIX + target));
        endedAttacks.clear();
        keys.forEach(key -> records.add(new StateRecord(key, null)));
    }

    /**
     * Takes one record of the state, as a compacted topic gives them back, in any order; a tombstone
     * (null value) removes what its key names. Only before the first flow: IllegalStateException after.
     * An open alert is taken with its id, start, peak and what it last reported; a learn-only detector,
     * which never alerts, leaves alerts alone. A record of another version, a corrupt one, an unknown key
     * or a clock of another zone than the baseline's is an {@link InvalidStateException} naming the key.
     */
    public void importState(String key, byte[] value) {
        if (first >= 0) {
            throw new IllegalStateException("state is imported before the first flow; this detector has had flows since "
                    + first);
        }
        if (key.equals(StateRecord.CLOCK_KEY)) {
            if (value != null) {
                importClock(key, value);
            }
        } else if (key.startsWith(StateRecord.BASELINE_PREFIX)) {
            String target = key.substring(StateRecord.BASELINE_PREFIX.length());
            if (value == null) {
                baseline.forget(target);
            } else {
                baseline.restore(StateCodec.baseline(key, value));
            }
        } else if (key.startsWith(StateRecord.ATTACK_PREFIX)) {
            importAttack(key, value);
        } else {
            throw new InvalidStateException(key, "not a key of the detector's state (" + StateRecord.CLOCK_KEY + ", "
                    + StateRecord.BASELINE_PREFIX + "TARGET, " + StateRecord.ATTACK_PREFIX + "TARGET)");
        }
    }

    private void importClock(String key, byte[] value) {
        StateCodec.Clock clock = StateCodec.clock(key, value);
        ZoneId zone;
        try {
            zone = ZoneId.of(clock.zone());
        } catch (DateTimeException e) {
            throw new InvalidStateException(key, "unknown zone " + clock.zone(), e);
        }
        if (!zone.normalized().equals(baseline.zone().normalized())) {
            throw new InvalidStateException(key, "its baseline's hours are of zone " + zone + ", this detector's of "
                    + baseline.zone());
        }
        watermark = Math.max(watermark, clock.watermark());
        closed = Math.max(closed, watermark - 1);
        exportedWatermark = watermark;
    }

    private void importAttack(String key, byte[] value) {
        if (value == null) {
            suspects.keySet().removeIf(target -> key.equals(StateRecord.ATTACK_PREFIX + target.text()));
            return;
        }
        OpenAttack attack = StateCodec.attack(key, value);
        if (!settings.learnOnly()) {
            suspects.put(attack.target(), Suspect.restored(attack, settings.windowSeconds()));
        }
    }

    /** Flows given, including the late and skipped ones. */
    public long flows() {
        return flows;
    }

    /** Flows dropped because they were older than the window when they came. */
    public long lateFlows() {
        return late;
    }

    /** Flows whose time was further than the tolerance from their record's, which took its place. */
    public long correctedFlows() {
        return flowTimes.corrected();
    }

    /** Flows without a time or a destination address. */
    public long skippedFlows() {
        return skipped;
    }

    /** Flows not counted because the window tracked its maximum of targets ({@link DetectorSettings#maxTargets}). */
    public long refusedFlows() {
        return window.refusedFlows();
    }

    /** Targets with traffic in the window now. */
    public int targets() {
        return window.size();
    }

    /** Alerts started by this detector (not those imported). */
    public long alertsStarted() {
        return alertsStarted;
    }

    /** Alerts started (or imported) and not yet ended. */
    public long openAlerts() {
        return suspects.values().stream().filter(Suspect::alerting).count();
    }

    /** The detector's clock: the second of the newest flow (or the imported clock), -1 before either. */
    public long watermark() {
        return watermark > 0 ? watermark : -1;
    }
}
