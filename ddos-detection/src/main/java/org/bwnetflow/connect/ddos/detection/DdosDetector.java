package org.bwnetflow.connect.ddos.detection;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;

import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.Counters;
import org.bwnetflow.connect.model.FlowClock;
import org.bwnetflow.connect.model.FlowTimes;
import org.bwnetflow.connect.model.Flows;

/**
 * Volume-based flood detection per destination (or prefix), fed with flows; no Kafka in here.
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
 */
public final class DdosDetector {

    static final int TOP = 5;

    private final DetectorSettings settings;
    private final Thresholds thresholds;
    private final HourlyBaseline baseline;
    private final Consumer<Alert> alerts;
    private final SlidingWindow window;
    private final FlowTimes flowTimes;
    private final Map<Prefix, Suspect> suspects = new HashMap<>();
    private long first = -1;
    private long watermark;
    private long closed;
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
        if (first < 0) {
            first = second;
            watermark = second;
            closed = second - 1;
        } else if (second > watermark) {
            closeBefore(second);
            watermark = second;
        } else if (second <= watermark - settings.windowSeconds()) {
            late++;
            return;
        }
        long factor = Flows.samplingFactor(flow);
        long bytes = Counters.scale(Flows.number(flow, BYTES), factor);
        if (!window.add(target, second, bytes, Counters.scale(Flows.number(flow, PACKETS), factor))) {
            return;
        }
        Suspect suspect = suspects.get(target);
        if (suspect != null) {
            suspect.add(Prefix.address(Flows.bytes(flow, SRC_ADDR)), (int) Flows.number(flow, PROTO),
                    (int) Flows.number(flow, DST_PORT), bytes);
        }
    }

    /** Closes the seconds before {@code second}; when nothing is tracked, a gap is skipped at once. */
    private void closeBefore(long second) {
        for (long s = closed + 1; s < second; s++) {
            if (window.size() == 0 && suspects.isEmpty()) {
                break; // nothing can change before traffic comes back
            }
            closeSecond(s);
        }
        closed = second - 1;
    }

    /** The end of a second: windows move on, windows of a full period are learned, suspects decided. */
    private void closeSecond(long second) {
        window.advance(second);
        int hour = baseline.hour(second);
        int length = settings.windowSeconds();
        boolean periodEnd = (second + 1) % length == 0 && second - length + 1 >= first; // seen in full
        boolean mayStart = !settings.learnOnly() && second - first + 1 >= settings.warmupSeconds();
        for (Prefix target : window.targets()) {
            Rates rates = window.rates(target);
            if (periodEnd) {
                learn(target, hour, rates);
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

    private void learn(Prefix target, int hour, Rates rates) {
        String name = target.text();
        Suspect suspect = suspects.get(target);
        boolean flood = suspect != null && suspect.alerting() || rates.exceeds(thresholds.of(baseline.reference(name, hour)));
        if (flood && !settings.learnOnly()) {
            return;
        }
        if (baseline.knows(name) || rates.exceeds(thresholds.floor().times(1 / settings.multiple()))) {
            baseline.learn(name, hour, rates);
        }
    }

    /** Starts watching a target above half its threshold (a cheap test against the floor first). */
    private void watch(Prefix target, long second, int hour, Rates rates) {
        if (suspects.containsKey(target) || !rates.exceeds(thresholds.floor().times(0.5))) {
            return;
        }
        if (rates.exceeds(thresholds.of(baseline.reference(target.text(), hour)).times(0.5))) {
            suspects.put(target, new Suspect(second, settings.windowSeconds()));
        }
    }

    /** Updates a suspect; true when it is done with (its alert ended, or it calmed down). */
    private boolean decide(Prefix target, Suspect suspect, long second, int hour, boolean mayStart) {
        Rates base = baseline.reference(target.text(), hour);
        Rates threshold = thresholds.of(base);
        Rates rates = window.rates(target);
        switch (suspect.update(second, rates, threshold, mayStart)) {
            case STARTED:
                alertsStarted++;
                suspect.identify(Alert.attackId(target.text(), suspect.start()));
                alerts.accept(alert(Alert.START, target, suspect, rates, base, threshold, second));
                return false;
            case ENDED:
                alerts.accept(alert(Alert.END, target, suspect, rates, base, threshold, second));
                return true;
            case RELEASED:
                return true;
            default:
                if (mayStart && updateDue(suspect, second)) {
                    alerts.accept(alert(Alert.UPDATE, target, suspect, rates, base, threshold, second));
                }
                return false;
        }
    }

    /** An alert is reported every updateIntervalSeconds after its start, counted from the start (so a replay reports the same seconds). */
    private boolean updateDue(Suspect suspect, long second) {
        int interval = settings.updateIntervalSeconds();
        return interval > 0 && suspect.alerting() && second > suspect.start() && (second - suspect.start()) % interval == 0;
    }

    /** An event decided at the end of second {@code at}; an end's top lists cover the alert up to its end. */
    private Alert alert(String event, Prefix target, Suspect suspect, Rates rates, Rates base, Rates threshold, long at) {
        boolean end = Alert.END.equals(event);
        double seconds = suspect.talkerSeconds(end ? suspect.belowSince() : at);
        List<Alert.Source> sources = suspect.sources().top(TOP).stream()
                .map(e -> new Alert.Source(e.getKey().text(), e.getValue() * 8.0 / seconds)).toList();
        List<Alert.Port> ports = suspect.ports().top(TOP).stream()
                .map(e -> new Alert.Port(e.getKey() >>> 16, e.getKey() & 0xFFFF, e.getValue() * 8.0 / seconds)).toList();
        return new Alert(event, suspect.id(), target.text(), rates, window.flowsPerSecond(target), base, threshold, sources,
                ports, suspect.start(), end ? suspect.belowSince() : -1, Alert.START.equals(event) ? null : suspect.peak(), at);
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

    public long alertsStarted() {
        return alertsStarted;
    }

    /** Alerts started and not yet ended. */
    public long openAlerts() {
        return suspects.values().stream().filter(Suspect::alerting).count();
    }

    /** The second of the newest flow (the detector's clock), -1 before the first. */
    public long watermark() {
        return first < 0 ? -1 : watermark;
    }
}
