package org.bwnetflow.connect.ddos.sink;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.bwnetflow.connect.ddos.detection.Alert;
import org.bwnetflow.connect.ddos.detection.DdosDetector;
import org.bwnetflow.connect.ddos.detection.DetectorSettings;
import org.bwnetflow.connect.ddos.detection.HourlyBaseline;
import org.bwnetflow.connect.ddos.detection.InvalidStateException;
import org.bwnetflow.connect.ddos.detection.StateRecord;
import org.bwnetflow.connect.ddos.sink.attack.AttackEvent;
import org.bwnetflow.connect.ddos.sink.mitigation.CustomerPolicies;
import org.bwnetflow.connect.ddos.sink.mitigation.MitigationPolicy;
import org.bwnetflow.connect.ddos.sink.state.StateTopic;

/**
 * One {@link DdosDetector} per customer (created at the customer's first flow, or from the state topic), its state
 * in the state topic under {@code <cid>/} keys. A customer whose policy is off gets none: its flows are not looked at.
 *
 * <p>Detection runs on the flows' own time. A customer whose flows stop altogether (the flood was all there was,
 * or its exporters went quiet) would keep its clock, and its attacks, open for ever: after {@value #IDLE_MILLIS} ms
 * without a flow its clock follows the wall clock from its last flow on, so that its attacks can end.
 *
 * <p>A baseline holds at most the configured number of targets; without eviction the addresses seen once would fill
 * it for good and a server that appears later would never get a baseline (its normal traffic above the floors would
 * be an attack). So once an hour of flow time a customer's targets not learned for the retention are forgotten.
 */
final class CustomerDetectors {

    static final long IDLE_MILLIS = 2_000;
    static final long EVICTION_INTERVAL_SECONDS = 3_600;

    private final DetectorSettings settings;
    private final long retentionSeconds;
    private final ZoneId zone;
    private final CustomerPolicies policies;
    private final StateTopic state;
    private final Consumer<AttackEvent> listener;
    private final LongSupplier wallClock;
    private final Map<Long, Customer> customers = new HashMap<>();
    private final List<AttackEvent> undelivered = new ArrayList<>();

    /** A customer's detector and when (wall clock, and its own clock) its last flow came. */
    private static final class Customer {
        final DdosDetector detector;
        final HourlyBaseline baseline;
        long lastFlowMillis;
        long watermarkAtLastFlow;
        long lastEviction;

        Customer(DdosDetector detector, HourlyBaseline baseline) {
            this.detector = detector;
            this.baseline = baseline;
        }
    }

    CustomerDetectors(DetectorSettings settings, long retentionSeconds, ZoneId zone, CustomerPolicies policies,
                      StateTopic state, Consumer<AttackEvent> listener, LongSupplier wallClock) {
        this.settings = settings;
        this.retentionSeconds = retentionSeconds;
        this.zone = zone;
        this.policies = policies;
        this.state = state;
        this.listener = listener;
        this.wallClock = wallClock;
    }

    /** The detectors of the customers whose state the topic holds, restored. */
    static CustomerDetectors restore(DdosSinkConfig config, Map<String, byte[]> loaded, StateTopic state,
                                     Consumer<AttackEvent> listener) {
        CustomerDetectors detectors = new CustomerDetectors(config.detectorSettings(), config.baselineRetentionSeconds(),
                config.zone(), config.policies(), state, listener, System::currentTimeMillis);
        for (Map.Entry<String, byte[]> record : loaded.entrySet()) {
            String key = record.getKey();
            int slash = key.indexOf('/');
            if (slash <= 0 || !Character.isDigit(key.charAt(0))) {
                continue; // not a detector's record (the routes held: route/...)
            }
            long cid;
            try {
                cid = Long.parseLong(key.substring(0, slash));
            } catch (NumberFormatException e) {
                throw new ConnectException("the state topic " + state.topic() + " holds a record with the key " + key
                        + ", which names no customer");
            }
            Customer customer = detectors.customer(cid);
            if (customer == null) {
                continue; // the customer's policy is off now: its old state is left alone
            }
            try {
                customer.detector.importState(key.substring(slash + 1), record.getValue());
            } catch (InvalidStateException e) {
                throw new ConnectException("the state topic " + state.topic() + " holds a record this task cannot read: "
                        + e.getMessage());
            }
        }
        return detectors;
    }

    /** One flow of customer {@code cid}, with its record's timestamp. */
    void accept(long cid, Struct flow, long recordTimestampMillis) {
        Customer customer = customer(cid);
        if (customer == null) {
            return;
        }
        customer.detector.accept(flow, recordTimestampMillis);
        customer.lastFlowMillis = wallClock.getAsLong();
        customer.watermarkAtLastFlow = customer.detector.watermark();
        deliver(cid, customer);
    }

    /** Lets the clocks of customers without flows for a while follow the wall clock (see the class comment). */
    void advanceIdle() {
        long now = wallClock.getAsLong();
        for (Map.Entry<Long, Customer> entry : customers.entrySet()) {
            Customer customer = entry.getValue();
            long idle = now - customer.lastFlowMillis;
            if (customer.watermarkAtLastFlow > 0 && idle >= IDLE_MILLIS) {
                customer.detector.advanceTo(customer.watermarkAtLastFlow + idle / 1000);
                deliver(entry.getKey(), customer);
            }
        }
    }

    private Customer customer(long cid) {
        Customer customer = customers.get(cid);
        if (customer == null) {
            if (policies.of(cid) == MitigationPolicy.OFF) {
                return null;
            }
            HourlyBaseline baseline = new HourlyBaseline(settings.windowSeconds(), zone, settings.maxTargets());
            customer = new Customer(new DdosDetector(settings, baseline, alert -> onAlert(cid, alert)), baseline);
            customer.lastFlowMillis = wallClock.getAsLong();
            customers.put(cid, customer);
        }
        return customer;
    }

    private void onAlert(long cid, Alert alert) {
        undelivered.add(event(cid, alert)); // the detector takes the alert into its state only once this returns
    }

    /**
     * Writes the customer's state, then hands on the events its detector raised meanwhile. The state goes first
     * because what acts on an event must not outlive the attack it is for: the mitigation's ledger record of a route
     * (acknowledged through the same producer and partition, so the attack's record before it is durable too) would
     * otherwise be in the state topic without the open attack, and a task killed then would detect the attack anew
     * under another id and announce its route a second time; an end would come twice.
     */
    private void deliver(long cid, Customer customer) {
        if (undelivered.isEmpty()) {
            return;
        }
        save(cid, customer);
        List<AttackEvent> events = List.copyOf(undelivered);
        undelivered.clear();
        events.forEach(listener);
    }

    /** The sink's event of a detector's alert: its id is the customer's and the detector's (target and start). */
    static AttackEvent event(long cid, Alert alert) {
        AttackEvent.Kind kind = switch (alert.event()) {
            case Alert.START -> AttackEvent.Kind.START;
            case Alert.END -> AttackEvent.Kind.END;
            default -> AttackEvent.Kind.UPDATE;
        };
        List<AttackEvent.Source> sources = alert.topSources().stream()
                .map(s -> new AttackEvent.Source(s.address(), s.bitsPerSecond())).toList();
        List<AttackEvent.Port> ports = alert.topPorts().stream()
                .map(p -> new AttackEvent.Port(p.proto(), p.port(), p.bitsPerSecond())).toList();
        return new AttackEvent(kind, cid, cid + "/" + alert.id(), alert.target(), alert.start(), alert.at(),
                alert.rates().bitsPerSecond(), alert.rates().packetsPerSecond(), alert.threshold().bitsPerSecond(),
                alert.threshold().packetsPerSecond(), sources, ports);
    }

    /**
     * Writes what changed since the last call (baselines, the clock, the baselines evicted as tombstones) to the state
     * topic, acknowledged by its flush.
     */
    void saveChanged() {
        customers.values().forEach(this::evictStale);
        customers.forEach(this::save);
    }

    /** Forgets the targets not learned for the retention, at most once an hour of the customer's flow time. */
    private void evictStale(Customer customer) {
        long now = customer.detector.watermark();
        if (now - customer.lastEviction >= EVICTION_INTERVAL_SECONDS) {
            customer.baseline.evictNotLearnedSince(now - retentionSeconds);
            customer.lastEviction = now;
        }
    }

    private void save(long cid, Customer customer) {
        for (StateRecord record : customer.detector.exportChanges()) {
            String key = cid + "/" + record.key();
            if (record.tombstone()) {
                state.deleteLater(key);
            } else {
                state.putLater(key, record.value());
            }
        }
    }

    /** Customers with a detector. */
    int customers() {
        return customers.size();
    }

    /** Targets whose window the detectors hold, over all customers (each at most the configured max). */
    long windowTargets() {
        return customers.values().stream().mapToLong(c -> c.detector.targets()).sum();
    }

    /** Targets with a learned baseline, over all customers (each at most the configured max). */
    long baselineTargets() {
        return customers.values().stream().mapToLong(c -> c.baseline.targets().size()).sum();
    }
}
