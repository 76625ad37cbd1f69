package org.bwnetflow.connect.netflow.decode;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;

/** One exporter (router) by address: its domains and per-exporter counters. */
public final class ExporterState extends BudgetEntry {

    private final ExporterRegistry registry;
    private final InetAddress address;
    private final byte[] addressBytes;
    private final String addressText;
    private final Long2ObjectHashMap<DomainState> domains = new Long2ObjectHashMap<>();
    long lastSeenMillis;

    // Written by the decoding thread only, read by metrics threads.
    volatile long datagrams;
    volatile long flows;
    volatile long sequenceGaps;
    volatile long sequenceMissing;
    volatile long clockSkewed;

    ExporterState(ExporterRegistry registry, InetAddress address) {
        this.registry = registry;
        this.address = address;
        this.addressBytes = address.getAddress();
        this.addressText = address.getHostAddress();
    }

    static long chargedBytes(InetAddress address) {
        return StateSizes.EXPORTER + (address instanceof Inet6Address ? StateSizes.EXPORTER_IPV6_EXTRA : 0);
    }

    @Override
    StateKind kind() {
        return StateKind.EXPORTER;
    }

    @Override
    void evict() {
        registry.removeExporter(this);
    }

    public InetAddress address() {
        return address;
    }

    /** The address as text (e.g. a record key); computed once. */
    public String addressText() {
        return addressText;
    }

    /** Address bytes, shared by every flow of this exporter; do not modify. */
    byte[] addressBytes() {
        return addressBytes;
    }

    ExporterRegistry registry() {
        return registry;
    }

    public long datagrams() {
        return datagrams;
    }

    public long flows() {
        return flows;
    }

    /** How often this exporter's sequence numbers jumped forward. */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /** Datagrams (v9) or records (v5, IPFIX) this exporter sent that never arrived. */
    public long sequenceMissing() {
        return sequenceMissing;
    }

    /**
     * Flows of this exporter whose time its collector does not trust (the source's clock policy
     * decides; the decoder keeps the count with the exporter's others).
     */
    public long clockSkewed() {
        return clockSkewed;
    }

    /** Counts one flow whose time is not trusted; on the decoding thread only, like every counter here. */
    public void countClockSkewed() {
        clockSkewed++;
    }

    /** Whether this exporter has decoded a flow (its state is then kept before unproven state). */
    public boolean hasDecodedFlows() {
        return everProven;
    }

    public List<DomainState> domains() {
        return new ArrayList<>(domains.values());
    }

    DomainState domain(int version, long domainId) {
        return domains.get(key(version, domainId));
    }

    void putDomain(DomainState domain) {
        domains.put(key(domain.version(), domain.domainId()), domain);
    }

    void forgetDomain(DomainState domain) {
        domains.remove(key(domain.version(), domain.domainId()));
    }

    Iterable<DomainState> domainStates() {
        return domains.values();
    }

    int domainCount() {
        return domains.size();
    }

    static long key(int version, long domainId) {
        return (long) version << 32 | (domainId & 0xFFFF_FFFFL);
    }
}
