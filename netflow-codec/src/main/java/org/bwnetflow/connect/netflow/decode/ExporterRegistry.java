package org.bwnetflow.connect.netflow.decode;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All exporters a decoder keeps, their domains, and the budget all of their state is charged to. */
final class ExporterRegistry {

    private final Map<InetAddress, ExporterState> exporters = new HashMap<>();
    private final DecoderSettings settings;
    private final DecoderCounters counters;
    private final StateListener events;
    final StateBudget budget;

    ExporterRegistry(DecoderSettings settings, DecoderCounters counters, StateListener listener) {
        this.settings = settings;
        this.counters = counters;
        this.events = new GuardedStateListener(listener);
        this.budget = new StateBudget(settings.stateMaxBytes(), counters);
    }

    DecoderCounters counters() {
        return counters;
    }

    StateListener events() {
        return events;
    }

    /** The exporter's state, created on first contact; null when the budget refuses a new one. */
    ExporterState exporter(InetAddress address, long nowMillis) {
        ExporterState exporter = exporters.get(address);
        if (exporter == null) {
            exporter = new ExporterState(this, address);
            if (!budget.admit(exporter, ExporterState.chargedBytes(address))) {
                counters.exportersRejected++;
                return null;
            }
            exporters.put(address, exporter);
            events.exporterAdded(exporter);
        } else {
            budget.touch(exporter);
        }
        exporter.lastSeenMillis = nowMillis;
        return exporter;
    }

    ExporterState existingExporter(InetAddress address) {
        return exporters.get(address);
    }

    /** The domain's state, created on first contact; null when the budget refuses a new one. */
    DomainState domain(ExporterState exporter, int version, long domainId, long nowMillis) {
        DomainState domain = exporter.domain(version, domainId);
        if (domain == null) {
            domain = new DomainState(exporter, version, domainId);
            if (!budget.admit(domain, StateSizes.DOMAIN)) {
                counters.domainsRejected++;
                return null;
            }
            exporter.putDomain(domain);
        } else {
            budget.touch(domain);
        }
        domain.lastSeenMillis = nowMillis;
        return domain;
    }

    /** A flow was decoded in this domain: the domain and its exporter are proven. */
    void decodedFlows(DomainState domain) {
        budget.prove(domain);
        ExporterState exporter = domain.exporter();
        boolean first = !exporter.everProven;
        budget.prove(exporter);
        if (first) {
            events.exporterProven(exporter);
        }
    }

    void removeExporter(ExporterState exporter) {
        if (exporters.remove(exporter.address()) != exporter) {
            return;
        }
        for (DomainState domain : exporter.domains()) {
            removeDomain(domain);
        }
        budget.release(exporter);
        events.exporterRemoved(exporter);
    }

    void removeDomain(DomainState domain) {
        ExporterState exporter = domain.exporter();
        if (exporter.domain(domain.version(), domain.domainId()) != domain) {
            return;
        }
        domain.releaseAll();
        exporter.forgetDomain(domain);
        budget.release(domain);
        events.domainRemoved(domain);
    }

    /** Forgets expired templates and idle domains and exporters. */
    void expire(long nowMillis) {
        long idle = settings.idleExpiryMillis();
        for (ExporterState exporter : new ArrayList<>(exporters.values())) {
            if (nowMillis - exporter.lastSeenMillis > idle) {
                counters.countExpiry(StateKind.EXPORTER);
                removeExporter(exporter);
                continue;
            }
            for (DomainState domain : exporter.domains()) {
                if (nowMillis - domain.lastSeenMillis > idle) {
                    counters.countExpiry(StateKind.DOMAIN);
                    removeDomain(domain);
                } else {
                    domain.expireTemplates(nowMillis, settings.templateExpiryMillis());
                }
            }
        }
    }

    /** The bytes all kept state should be charged, recomputed entry by entry; -1 if an entry is not attached. */
    long recount() {
        long bytes = 0;
        for (ExporterState exporter : exporters.values()) {
            if (!exporter.isAttached()) {
                return -1;
            }
            bytes += ExporterState.chargedBytes(exporter.address());
            for (DomainState domain : exporter.domainStates()) {
                long domainBytes = domain.recount();
                if (domainBytes < 0) {
                    return -1;
                }
                bytes += domainBytes;
            }
        }
        return bytes;
    }

    List<ExporterState> all() {
        return new ArrayList<>(exporters.values());
    }

    int exporterCount() {
        return exporters.size();
    }

    /**
     * Lets the listener's own failures through as {@link ListenerFailure}, so the decoder's
     * last-resort guard does not count a bug of the listener's owner as a decoder error.
     */
    private static final class GuardedStateListener implements StateListener {
        private final StateListener delegate;

        GuardedStateListener(StateListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void exporterAdded(ExporterState exporter) {
            run(() -> delegate.exporterAdded(exporter));
        }

        @Override
        public void exporterProven(ExporterState exporter) {
            run(() -> delegate.exporterProven(exporter));
        }

        @Override
        public void exporterRemoved(ExporterState exporter) {
            run(() -> delegate.exporterRemoved(exporter));
        }

        @Override
        public void domainRemoved(DomainState domain) {
            run(() -> delegate.domainRemoved(domain));
        }

        @Override
        public void provenTemplateChanged(DomainState domain, int templateId) {
            run(() -> delegate.provenTemplateChanged(domain, templateId));
        }

        @Override
        public void provenTemplateRemoved(DomainState domain, int templateId) {
            run(() -> delegate.provenTemplateRemoved(domain, templateId));
        }

        @Override
        public void provenInterfaceChanged(DomainState domain, long ifIndex) {
            run(() -> delegate.provenInterfaceChanged(domain, ifIndex));
        }

        private static void run(Runnable call) {
            try {
                call.run();
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
        }
    }
}
