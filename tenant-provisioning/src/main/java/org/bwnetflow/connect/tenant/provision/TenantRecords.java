package org.bwnetflow.connect.tenant.provision;

import java.util.Map;

/**
 * The durable record of which SCRAM users {@link TenantProvisioner#add} created, and for which
 * tenant. {@link TenantProvisioner#remove} deletes only users found here, so neither the
 * super-user nor any login made by other means can be deleted by a tenant command.
 */
public interface TenantRecords {

    /** Every user {@code add} created, with its tenant's customer id. */
    Map<String, Long> createdUsers();

    /** Records that {@code add} creates {@code user} for tenant {@code cid}; written before the user is. */
    void created(String user, long cid);

    /** Forgets {@code user}; written after everything of it was removed. */
    void removed(String user);

    /** Where the record is kept, for messages (e.g. {@code topic _tenants}). */
    String where();
}
