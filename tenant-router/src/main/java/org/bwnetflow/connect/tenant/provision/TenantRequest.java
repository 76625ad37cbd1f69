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
 */
public record TenantRequest(long cid, String user, String password, Integer partitions, Short replicationFactor,
        Long retentionMs, boolean resetPassword) {

    public TenantRequest {
        TenantNaming.checkCid(cid);
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
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

    /** A request with the broker's defaults for the topic and the default user name. */
    public static TenantRequest of(long cid, String password) {
        return new TenantRequest(cid, null, password, null, null, null, false);
    }

    @Override
    public String toString() {
        return "TenantRequest[cid=" + cid + ", user=" + user + ", password=(hidden), partitions=" + partitions
                + ", replicationFactor=" + replicationFactor + ", retentionMs=" + retentionMs + ", resetPassword="
                + resetPassword + "]";
    }
}
