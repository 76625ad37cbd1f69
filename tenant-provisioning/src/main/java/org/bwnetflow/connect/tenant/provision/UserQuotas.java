package org.bwnetflow.connect.tenant.provision;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;
import org.bwnetflow.connect.tenant.provision.ProvisionReport.Status;

/**
 * The client quotas of user entities ({@code user=<name>}, not user + client-id pairs) through
 * the Admin API: read, set as a tenant asks, deleted with the user.
 */
final class UserQuotas {

    private static final String DESCRIBE_CONFIGS = "DESCRIBE_CONFIGS on the CLUSTER resource";
    private static final String ALTER_CONFIGS = "ALTER_CONFIGS on the CLUSTER resource";

    private final Admin admin;
    private final AdminCalls calls;

    UserQuotas(Admin admin, AdminCalls calls) {
        this.admin = admin;
        this.calls = calls;
    }

    /** The user's quotas by key; empty when it has none. */
    Map<String, Double> of(String user) {
        ClientQuotaFilter filter = ClientQuotaFilter.containsOnly(List.of(
                ClientQuotaFilterComponent.ofEntity(ClientQuotaEntity.USER, user)));
        Map<ClientQuotaEntity, Map<String, Double>> found = calls.await(admin.describeClientQuotas(filter).entities(),
                "describe the quotas of " + user, DESCRIBE_CONFIGS);
        Map<String, Double> quotas = found.get(entity(user));
        return quotas == null ? Map.of() : quotas;
    }

    /** The quotas of every user entity by user name (the default user entity left out). */
    Map<String, Map<String, Double>> ofAllUsers() {
        ClientQuotaFilter filter = ClientQuotaFilter.containsOnly(List.of(
                ClientQuotaFilterComponent.ofEntityType(ClientQuotaEntity.USER)));
        Map<ClientQuotaEntity, Map<String, Double>> found = calls.await(admin.describeClientQuotas(filter).entities(),
                "describe the users' quotas", DESCRIBE_CONFIGS);
        Map<String, Map<String, Double>> quotas = new HashMap<>();
        found.forEach((entity, values) -> {
            String user = entity.entries().get(ClientQuotaEntity.USER);
            if (user != null && entity.entries().size() == 1) {
                quotas.put(user, values);
            }
        });
        return quotas;
    }

    /**
     * Sets the asked quotas and the defaults of those the user lacks; a quota not asked and already
     * there is kept (an operator may have raised it for this customer).
     *
     * @param existing the user's quotas as {@link #of} found them
     */
    void set(String user, TenantQuotas asked, Map<String, Double> existing, ProvisionReport report) {
        List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
        asked.asked().forEach((key, value) -> {
            Double have = existing.get(key);
            double want = value != null ? value : have != null ? have : TenantQuotas.defaultOf(key);
            String shown = key + "=" + TenantQuotas.number(want) + ", " + TenantQuotas.describe(key, want);
            if (have == null) {
                ops.add(new ClientQuotaAlteration.Op(key, want));
                report.add(Status.CREATED, "quota", user, shown + (value == null ? ", the default" : ""));
            } else if (have == want) {
                report.add(Status.PRESENT, "quota", user, shown);
            } else {
                ops.add(new ClientQuotaAlteration.Op(key, want));
                report.add(Status.UPDATED, "quota", user, shown + ", was " + TenantQuotas.number(have));
            }
        });
        if (!ops.isEmpty()) {
            calls.await(admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity(user), ops))).all(),
                    "set the quotas of " + user, ALTER_CONFIGS);
        }
    }

    /** Deletes every quota of the user, whoever set it: the user goes, and a name may come back. */
    void remove(String user, ProvisionReport report) {
        Map<String, Double> quotas = of(user);
        if (quotas.isEmpty()) {
            report.add(Status.ABSENT, "quota", user, "no quotas");
            return;
        }
        List<ClientQuotaAlteration.Op> ops = new ArrayList<>();
        quotas.keySet().forEach(key -> ops.add(new ClientQuotaAlteration.Op(key, null)));
        calls.await(admin.alterClientQuotas(List.of(new ClientQuotaAlteration(entity(user), ops))).all(),
                "delete the quotas of " + user, ALTER_CONFIGS);
        new TreeMap<>(quotas).forEach((key, value) -> report.add(Status.DELETED, "quota", user, key + "="
                + TenantQuotas.number(value)));
    }

    private static ClientQuotaEntity entity(String user) {
        return new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, user));
    }
}
