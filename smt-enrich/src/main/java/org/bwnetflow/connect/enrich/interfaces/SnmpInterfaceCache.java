package org.bwnetflow.connect.enrich.interfaces;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interface names, descriptions and speeds asked of the exporters' agents over SNMP v2c or v3
 * (IF-MIB ifName, ifAlias, ifHighSpeed), kept in a bounded cache. {@link #get} never waits: it
 * answers from the cache and, when the entry is missing or due for a refresh, sends one
 * asynchronous query, unless {@code maxInFlight} queries are already out (then a later flow asks
 * again). Only agents that {@link SnmpAgents} allows are asked; a lookup for any other exporter is
 * counted and answered with nothing, and leaves nothing in the cache (so made-up exporters cannot
 * crowd out real ones). Interfaces the exporter does not know, and exporters that do not answer,
 * are remembered as unknown for a while (negative caching), so a silent exporter costs one query
 * per interface per interval.
 */
public final class SnmpInterfaceCache implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SnmpInterfaceCache.class);
    private static final long LOG_INTERVAL_MILLIS = 60_000;

    static final OID IF_NAME = new OID("1.3.6.1.2.1.31.1.1.1.1");
    static final OID IF_HIGH_SPEED = new OID("1.3.6.1.2.1.31.1.1.1.15");
    static final OID IF_ALIAS = new OID("1.3.6.1.2.1.31.1.1.1.18");

    /** Counters the transform reports. */
    public static final class Counters {
        final LongAdder queries;
        final LongAdder answers;
        final LongAdder unknown;
        final LongAdder timeouts;
        final LongAdder busy;
        final LongAdder evictions;
        final LongAdder refused;
        final LongAdder reports;

        public Counters(LongAdder queries, LongAdder answers, LongAdder unknown, LongAdder timeouts, LongAdder busy,
                LongAdder evictions, LongAdder refused, LongAdder reports) {
            this.queries = queries;
            this.answers = answers;
            this.unknown = unknown;
            this.timeouts = timeouts;
            this.busy = busy;
            this.evictions = evictions;
            this.refused = refused;
            this.reports = reports;
        }
    }

    private final SnmpSettings settings;
    private final Counters counters;
    private final LongSupplier clock;
    private final Map<InterfaceKey, Entry> entries = new ConcurrentHashMap<>();
    private final Set<InterfaceKey> pending = ConcurrentHashMap.newKeySet();
    private final Semaphore inFlight;
    private final Snmp snmp;
    private final ResponseListener listener = new Listener();
    private final RateLimitedLog refusedLog = new RateLimitedLog(LOG_INTERVAL_MILLIS);
    private final RateLimitedLog reportLog = new RateLimitedLog(LOG_INTERVAL_MILLIS);

    public SnmpInterfaceCache(SnmpSettings settings, Counters counters, LongSupplier clock) throws IOException {
        this.settings = settings;
        this.counters = counters;
        this.clock = clock;
        this.inFlight = new Semaphore(settings.maxInFlight);
        this.snmp = settings.credentials.open();
        snmp.listen();
    }

    /** What the cache knows of the interface now (null: nothing yet, unknown, or not to be asked); may start a query. */
    public InterfaceInfo get(InterfaceKey key) {
        Entry entry = entries.get(key);
        if (entry == null || clock.getAsLong() >= entry.refreshAt) {
            // Only allowed exporters get entries, so a cached answer needs no second check.
            byte[] agent = settings.agents.agentFor(key.exporter());
            if (agent == null) {
                refuse(key);
                return null;
            }
            query(key, agent);
        }
        return entry == null ? null : entry.info;
    }

    private void refuse(InterfaceKey key) {
        counters.refused.increment();
        if (refusedLog.shouldLog()) {
            log.warn("Not asking SNMP about exporter {}: neither in snmp.agents.allowlist nor in snmp.agents.map "
                    + "({} more lookups refused since the last message; counted in snmp-agents-refused)",
                    printable(key.exporter()), refusedLog.takeSuppressed());
        }
    }

    private static String printable(byte[] address) {
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (IOException e) {
            return address.length + " bytes";
        }
    }

    /** Sends one query to {@code agent} (the exporter's address, or the one mapped to it). */
    private void query(InterfaceKey key, byte[] agent) {
        if (!pending.add(key)) {
            return; // a query for it is out already
        }
        if (!inFlight.tryAcquire()) {
            pending.remove(key);
            counters.busy.increment();
            return;
        }
        InterfaceKey owned = new InterfaceKey(key.exporter().clone(), key.ifIndex());
        try {
            Target<UdpAddress> target = settings.credentials.target(
                    new UdpAddress(InetAddress.getByAddress(agent), settings.port));
            target.setTimeout(settings.timeoutMillis);
            target.setRetries(settings.retries);
            PDU pdu = settings.credentials.newRequest();
            int index = (int) owned.ifIndex();
            pdu.add(new VariableBinding(new OID(IF_NAME).append(index)));
            pdu.add(new VariableBinding(new OID(IF_ALIAS).append(index)));
            pdu.add(new VariableBinding(new OID(IF_HIGH_SPEED).append(index)));
            counters.queries.increment();
            snmp.send(pdu, target, owned, listener);
        } catch (IOException | RuntimeException e) {
            finish(owned, null, true);
        }
    }

    /** Records a query's outcome: an answer, or (null) an unknown interface or a silent exporter. */
    private void finish(InterfaceKey key, InterfaceInfo info, boolean timedOut) {
        try {
            long now = clock.getAsLong();
            Entry before = entries.get(key);
            Entry entry;
            if (info != null) {
                entry = new Entry(info, now + settings.refreshMillis);
            } else if (timedOut && before != null && before.info != null) {
                entry = new Entry(before.info, now + settings.negativeMillis); // keep what we knew, ask later
            } else {
                entry = new Entry(null, now + settings.negativeMillis);
            }
            if (before == null && entries.size() >= settings.maxEntries) {
                evict(now);
            }
            entries.put(key, entry);
        } finally {
            pending.remove(key);
            inFlight.release();
        }
    }

    /** Makes room: expired entries first, then any eighth of the cache. */
    private void evict(long now) {
        int goal = Math.max(1, settings.maxEntries / 8);
        int removed = 0;
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && removed < goal;) {
            if (now >= it.next().refreshAt) {
                it.remove();
                removed++;
            }
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && removed < goal;) {
            it.next();
            it.remove();
            removed++;
        }
        counters.evictions.add(removed);
    }

    private InterfaceInfo parse(PDU response) {
        if (response.getErrorStatus() != PDU.noError || response.size() < 3) {
            return null;
        }
        String name = text(response.get(0).getVariable());
        String alias = text(response.get(1).getVariable());
        Variable speed = response.get(2).getVariable();
        long mbps = speed.isException() || speed instanceof OctetString ? 0 : speed.toLong();
        InterfaceInfo info = new InterfaceInfo(name, settings.description(alias), mbps);
        return info.isEmpty() ? null : info;
    }

    private static String text(Variable value) {
        if (value.isException() || !(value instanceof OctetString)) {
            return null;
        }
        return new String(((OctetString) value).getValue(), StandardCharsets.UTF_8);
    }

    /** Entries cached, for tests and metrics. */
    public int size() {
        return entries.size();
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }

    private static final class Entry {
        final InterfaceInfo info;
        final long refreshAt;

        Entry(InterfaceInfo info, long refreshAt) {
            this.info = info;
            this.refreshAt = refreshAt;
        }
    }

    /**
     * An SNMPv3 report instead of an answer, e.g. usmStatsUnknownUserNames. (An agent's report of a
     * wrong digest, sent unauthenticated, does not reach us: SNMP4J drops it and the query times out.)
     */
    private void report(ResponseEvent<?> event, PDU report) {
        counters.reports.increment();
        if (reportLog.shouldLog()) {
            log.warn("SNMP agent {} answered with a report, not data: {} (check the snmp.v3.* keys against the "
                    + "agent; {} more reports since the last message; counted in snmp-reports)",
                    event.getPeerAddress(), report.size() > 0 ? report.get(0).getOid() : "no OID",
                    reportLog.takeSuppressed());
        }
    }

    private final class Listener implements ResponseListener {
        @Override
        public <A extends Address> void onResponse(ResponseEvent<A> event) {
            ((Snmp) event.getSource()).cancel(event.getRequest(), this);
            InterfaceKey key = (InterfaceKey) event.getUserObject();
            PDU response = event.getResponse();
            if (response == null) {
                counters.timeouts.increment();
                finish(key, null, true);
                return;
            }
            if (response.getType() == PDU.REPORT) {
                report(event, response);
                finish(key, null, true); // as if silent: what we knew stays, asked again later
                return;
            }
            InterfaceInfo info = parse(response);
            (info == null ? counters.unknown : counters.answers).increment();
            finish(key, info, false);
        }
    }
}
