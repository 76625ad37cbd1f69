package org.bwnetflow.connect.tenant.provision;

import java.util.Map;

/**
 * A user a tenant's ACLs name, as {@link TenantProvisioner#list} finds it.
 *
 * @param scram whether it has a SCRAM-SHA-512 credential
 * @param createdByFlowctl whether {@code tenants add} created it (so {@code tenants remove} may delete it)
 * @param quotas its client quotas (entity {@code user=<name>}), by key, e.g. {@code consumer_byte_rate}
 */
public record TenantUser(boolean scram, boolean createdByFlowctl, Map<String, Double> quotas) {

    public TenantUser {
        quotas = Map.copyOf(quotas);
    }
}
