package org.bwnetflow.connect.ddos.sink.mitigation;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The policy of every customer: a default and per-customer exceptions, written {@code cid:policy}
 * (e.g. {@code 1000:blackhole, 1001:flowspec, 1200:off}).
 */
public final class CustomerPolicies {

    private final MitigationPolicy defaultPolicy;
    private final Map<Long, MitigationPolicy> exceptions;

    public CustomerPolicies(MitigationPolicy defaultPolicy, Map<Long, MitigationPolicy> exceptions) {
        this.defaultPolicy = defaultPolicy;
        this.exceptions = Collections.unmodifiableMap(new HashMap<>(exceptions));
    }

    /** Parses {@code cid:policy} entries; IllegalArgumentException names the bad entry and why. */
    public static CustomerPolicies parse(MitigationPolicy defaultPolicy, List<String> entries) {
        Map<Long, MitigationPolicy> exceptions = new HashMap<>();
        for (String entry : entries) {
            String text = entry.trim();
            if (text.isEmpty()) {
                continue;
            }
            int colon = text.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + text + "' is not cid:policy");
            }
            long cid;
            try {
                cid = Long.parseLong(text.substring(0, colon).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': the customer id is not a whole number");
            }
            if (cid < 1 || cid > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("'" + text + "': customer id not within 1-4294967295");
            }
            MitigationPolicy policy;
            try {
                policy = MitigationPolicy.of(text.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "': " + e.getMessage(), e);
            }
            if (exceptions.put(cid, policy) != null) {
                throw new IllegalArgumentException("customer " + cid + " is listed twice");
            }
        }
        return new CustomerPolicies(defaultPolicy, exceptions);
    }

    public MitigationPolicy of(long cid) {
        return exceptions.getOrDefault(cid, defaultPolicy);
    }

    public MitigationPolicy defaultPolicy() {
        return defaultPolicy;
    }

    @Override
    public String toString() {
        return "default " + defaultPolicy.configName() + ", " + exceptions;
    }
}
