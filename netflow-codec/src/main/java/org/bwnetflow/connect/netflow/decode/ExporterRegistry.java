package org.bwnetflow.connect.netflow.decode;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** All exporters a decoder knows, bounded by the settings' limits. */
final class ExporterRegistry {

    private final Map<InetAddress, ExporterState> exporters = new HashMap<>();
    private final DecoderSettings settings;
    private final DecoderStateListener listener;

    ExporterRegistry(DecoderSettings settings, DecoderStateListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /** The exporter's state, created on first contact; null when the exporter limit is reached. */
    ExporterState exporter(InetAddress address, long nowMillis) {
        ExporterState exporter = exporters.get(address);
        if (exporter == null) {
            if (exporters.size() >= settings.maxExporters()) {
                return null;
            }
            exporter = new ExporterState(address);
            exporters.put(address, exporter);
            listener.onNewExporter(exporter);
        }
        exporter.lastSeenMillis = nowMillis;
        return exporter;
    }

    /** The domain's state, created (and offered for restore) on first contact; null over the limit. */
    DomainState domain(ExporterState exporter, int version, long domainId) {
        DomainState domain = exporter.existingDomain(version, domainId);
        if (domain == null) {
            if (exporter.domainCount() >= settings.maxDomainsPerExporter()) {
                return null;
            }
            domain = exporter.addDomain(version, domainId);
            listener.onNewDomain(domain);
        }
        return domain;
    }

    void expire(long nowMillis) {
        Iterator<ExporterState> it = exporters.values().iterator();
        while (it.hasNext()) {
            ExporterState exporter = it.next();
            if (exporter.expire(nowMillis, settings.templateExpiryMillis())) {
                it.remove();
                listener.onExporterRemoved(exporter);
            }
        }
    }

    List<ExporterState> all() {
        return new ArrayList<>(exporters.values());
    }
}
