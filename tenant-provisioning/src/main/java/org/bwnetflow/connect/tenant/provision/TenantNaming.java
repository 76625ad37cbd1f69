package org.bwnetflow.connect.tenant.provision;

import org.bwnetflow.connect.tenant.TenantRouter;
import org.bwnetflow.connect.tenant.route.TenantSet;
import org.bwnetflow.connect.tenant.route.TopicNames;

/**
 * How a tenant's Kafka resources are named: topic {@code <topicPrefix><cid>} (as TenantRouter
 * writes it, default {@code flows-1000}), SCRAM user {@code <userPrefix><cid>} (default
 * {@code tenant-1000}) and consumer groups starting with {@code <cid>-} (e.g. {@code 1000-dashboard});
 * the dash keeps tenant 10's prefix {@code 10-} from matching tenant 1000's groups.
 */
public final class TenantNaming {

    public static final String DEFAULT_TOPIC_PREFIX = TenantRouter.TOPIC_PREFIX_DEFAULT;
    public static final String DEFAULT_USER_PREFIX = "tenant-";

    private final String topicPrefix;
    private final String userPrefix;

    public TenantNaming(String topicPrefix, String userPrefix) {
        String problem = TopicNames.prefixProblem(topicPrefix);
        if (problem != null) {
            throw new IllegalArgumentException("topic prefix '" + topicPrefix + "': " + problem);
        }
        if (userPrefix.isEmpty()) {
            throw new IllegalArgumentException("the user prefix cannot be empty: a bare number is no good user name");
        }
        this.topicPrefix = topicPrefix;
        this.userPrefix = userPrefix;
    }

    public static TenantNaming defaults() {
        return new TenantNaming(DEFAULT_TOPIC_PREFIX, DEFAULT_USER_PREFIX);
    }

    /** The customer id as a tenant id: 1 to 4294967295. */
    public static long checkCid(long cid) {
        if (cid < 1 || cid > TenantSet.MAX_CID) {
            throw new IllegalArgumentException("customer id " + cid + " is not within 1-" + TenantSet.MAX_CID);
        }
        return cid;
    }

    public String topic(long cid) {
        return topicPrefix + checkCid(cid);
    }

    public String user(long cid) {
        return userPrefix + checkCid(cid);
    }

    /** The prefix of the tenant's consumer group names. */
    public String groupPrefix(long cid) {
        return checkCid(cid) + "-";
    }

    public String topicPrefix() {
        return topicPrefix;
    }

    public String userPrefix() {
        return userPrefix;
    }

    /**
     * Whether {@code user} may be created as a tenant's login: it starts with the user prefix
     * ({@code tenant-}), so no tenant login can take the name of the operator, a broker or another service.
     */
    public boolean isTenantUserName(String user) {
        return user.startsWith(userPrefix) && user.length() > userPrefix.length();
    }

    /** The customer id of a tenant topic's name; -1 when the name is not prefix + a customer id. */
    public long cidOfTopic(String topic) {
        if (!topic.startsWith(topicPrefix)) {
            return -1;
        }
        return number(topic.substring(topicPrefix.length()));
    }

    /** The customer id of a tenant's group prefix ({@code 1000-}); -1 when it is none. */
    public static long cidOfGroupPrefix(String prefix) {
        return prefix.endsWith("-") ? number(prefix.substring(0, prefix.length() - 1)) : -1;
    }

    /** A customer id written as TenantRouter writes it (no sign, no leading zero); -1 otherwise. */
    private static long number(String digits) {
        if (digits.isEmpty() || digits.length() > TopicNames.MAX_CID_DIGITS || digits.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        long cid = Long.parseLong(digits);
        return cid <= TenantSet.MAX_CID ? cid : -1;
    }
}
