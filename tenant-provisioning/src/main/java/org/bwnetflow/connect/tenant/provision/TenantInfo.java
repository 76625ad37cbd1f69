package org.bwnetflow.connect.tenant.provision;

import java.util.List;
import java.util.Map;

/**
 * A tenant as {@link TenantProvisioner#list} finds it.
 *
 * @param cid the customer id
 * @param topic the tenant's topic name
 * @param partitions its partition count; 0 when the topic does not exist (ACLs without a topic)
 * @param users the users the tenant's ACLs name: credential, whether {@code tenants add} made it, quotas
 * @param acls the ACLs on the tenant's topic and group prefix, one line each
 */
public record TenantInfo(long cid, String topic, int partitions, Map<String, TenantUser> users, List<String> acls) {

    public boolean topicExists() {
        return partitions > 0;
    }
}
