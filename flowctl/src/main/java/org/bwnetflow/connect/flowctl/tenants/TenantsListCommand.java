package org.bwnetflow.connect.flowctl.tenants;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.bwnetflow.connect.tenant.provision.TenantInfo;
import org.bwnetflow.connect.tenant.provision.TenantQuotas;
import org.bwnetflow.connect.tenant.provision.TenantUser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flowctl tenants list}: the tenants the cluster has. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List tenants: topics named <topic-prefix><cid>, ACLs on such topics or on consumer-group "
                + "prefixes <cid>-, and users recorded as created by tenants add; with each user's client quotas, "
                + "whether it has a SCRAM-SHA-512 credential, and whether tenants add created it."})
public final class TenantsListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AdminConnection connection;

    @Option(names = "--acls", description = "Print each tenant's ACLs")
    boolean acls;

    @Override
    public Integer call() {
        return TenantsCommand.withProvisioner(spec, connection, provisioner -> {
            print(provisioner.list(), spec.commandLine().getOut());
            return 0;
        });
    }

    private void print(List<TenantInfo> tenants, PrintWriter out) {
        if (tenants.isEmpty()) {
            out.println("no tenants (no topic " + connection.topicPrefix + "<cid> and no ACLs on one)");
            out.flush();
            return;
        }
        out.printf("%-10s %-24s %-10s %-4s %s%n", "CID", "TOPIC", "PARTITIONS", "ACLS", "USERS");
        for (TenantInfo tenant : tenants) {
            out.printf("%-10d %-24s %-10s %-4d %s%n", tenant.cid(), tenant.topic(),
                    tenant.topicExists() ? Integer.toString(tenant.partitions()) : "(none)", tenant.acls().size(),
                    users(tenant.users()));
            if (acls) {
                tenant.acls().forEach(acl -> out.println("    " + acl));
            }
        }
        out.flush();
    }

    /** E.g. {@code tenant-1000 [consumer 10 MiB/s, requests 25%]}, with what is missing or not ours said. */
    static String users(Map<String, TenantUser> users) {
        if (users.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        users.forEach((name, user) -> {
            List<String> quotas = new ArrayList<>();
            new TreeMap<>(user.quotas()).forEach((key, value) -> quotas.add(TenantQuotas.describe(key, value)));
            List<String> notes = new ArrayList<>();
            if (!user.scram()) {
                notes.add("no SCRAM-SHA-512 credential");
            }
            if (!user.createdByFlowctl()) {
                notes.add("not created by tenants add");
            }
            parts.add(name + " [" + (quotas.isEmpty() ? "no quotas" : String.join(", ", quotas)) + "]"
                    + (notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")"));
        });
        return String.join(", ", parts);
    }
}
