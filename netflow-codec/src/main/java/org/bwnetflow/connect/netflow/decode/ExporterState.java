package org.bwnetflow.connect.netflow.decode;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;

/** One exporter (router) by address: its domains and per-exporter counters. */
public final class ExporterState {

    private final InetAddress address;
    private final byte[] addressBytes;
    private final Long2ObjectHashMap<DomainState> domains = new Long2ObjectHashMap<>();
    int templateCount;
    long lastSeenMillis;

    volatile long datagrams;
    volatile long flows;
    volatile long sequenceGaps;
    volatile long sequenceMissing;

    ExporterState(InetAddress address) {
        this.address = address;
        this.addressBytes = address.getAddress();
    }

    public InetAddress address() {
        return address;
    }

    /** Address bytes, shared by every flow of this exporter; do not modify. */
    byte[] addressBytes() {
        return addressBytes;
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

    public List<DomainState> domains() {
        return new ArrayList<>(domains.values());
    }

    DomainState existingDomain(int version, long domainId) {
        return domains.get(key(version, domainId));
    }

    DomainState addDomain(int version, long domainId) {
        DomainState domain = new DomainState(this, version, domainId);
        domains.put(key(version, domainId), domain);
        return domain;
    }

    int domainCount() {
        return domains.size();
    }

    /** Expires templates of all domains; true when nothing worth keeping is left. */
    boolean expire(long nowMillis, long expiryMillis) {
        int remaining = 0;
        for (DomainState domain : domains.values()) {
            remaining += domain.expireTemplates(nowMillis, expiryMillis);
        }
        return remaining == 0 && nowMillis - lastSeenMillis > expiryMillis;
    }

    private static long key(int version, long domainId) {
        return (long) version << 32 | (domainId & 0xFFFF_FFFFL);
    }
}
