package org.bwnetflow.connect.tenant.provision;

/**
 * What {@link TenantProvisioner#add} is asked to set up.
 *
 * @param cid the customer id
 * @param user the SCRAM user name; null for the naming's default ({@code tenant-<cid>})
 * @param password the SCRAM password (never printed: {@link #toString()} masks it)
 * @param partitions partitions of a new topic; null for the broker's default
 * @param replicationFactor replication factor of a new topic; null for the broker's default
 * @param retentionMs retention.ms of a new topic; null for the broker's default
 * @param resetPassword replace an existing SCRAM-SHA-512 credential with this password
 * @param quotas the user's client quotas; null for {@link TenantQuotas#defaults()}
 */
public record TenantRequest(long cid, String user, String password, Integer partitions, Short replicationFactor,
        Long retentionMs, boolean resetPassword, TenantQuotas quotas) {

    /**
     * Shortest password accepted, in characters: a tenant's login is reachable from the network
     * and SCRAM's iterations only slow down guessing, they do not make a short password long.
     */
    public static final int MIN_PASSWORD_LENGTH = 16;

    public TenantRequest {
        TenantNaming.checkCid(cid);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
        if (password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password must be at least " + MIN_PASSWORD_LENGTH + " characters "
                    + "long; e.g. a random one: head -c 24 /dev/urandom | base64 > FILE");
        }
        quotas = quotas == null ? TenantQuotas.defaults() : quotas;
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor != null && replicationFactor < 1) {
            throw new IllegalArgumentException("the replication factor must be at least 1, not " + replicationFactor);
        }
        if (retentionMs != null && retentionMs < -1) {
            throw new IllegalArgumentException("retention.ms must be -1 (unlimited) or at least 0, not " + retentionMs);
        }
    }

    /** A request with the broker's defaults for the topic, the default user name and the default quotas. */
    public static TenantRequest of(long cid, String password) {
        return new TenantRequest(cid, null, password, null, null, null, false, null);
    }

    @Override
    public String toString() {
        return "TenantRequest[cid=" + cid + ", user=" + user + ", password=(hidden), partitions=" + partitions
                + ", replicationFactor=" + replicationFactor + ", retentionMs=" + retentionMs + ", resetPassword="
                + resetPassword + ", quotas=" + quotas + "]";
    }
}
