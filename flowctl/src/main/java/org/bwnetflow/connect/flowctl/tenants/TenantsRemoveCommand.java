package org.bwnetflow.connect.flowctl.tenants;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.bwnetflow.connect.tenant.provision.ProvisionReport;
import org.bwnetflow.connect.tenant.provision.TopicTenantRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowctl tenants remove CID}: takes a tenant's access away, and its topic only when asked. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Delete a tenant user's ACLs, client quotas and SCRAM-SHA-512 credential, then its record in "
                + TopicTenantRecords.TOPIC + ". The topic and the flows in it stay unless --delete-topic.",
            "Only users that tenants add created for this tenant are deleted: any other user (the super-user, a "
                + "login made with Kafka's own tools) is refused with exit code " + TenantsCommand.EXIT_REFUSED
                + " and nothing is changed.",
            "Idempotent: what is already gone is reported as absent."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (deleted or already absent)", "1:the cluster refused or did not answer",
            "2:bad arguments", "4:refused: the user was not created by tenants add for this tenant; nothing deleted"})
public final class TenantsRemoveCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AdminConnection connection;

    @Parameters(paramLabel = "CID", description = "Customer id, 1-4294967295")
    String cid;

    @Option(names = "--user", paramLabel = "NAME", description = "SCRAM user name (default: tenant-<cid>)")
    String user;

    @Option(names = "--delete-topic", description = "Also delete the topic flows-<cid> with all its flows")
    boolean deleteTopic;

    @Override
    public Integer call() {
        long id = TenantsCommand.arguments(spec, () -> TenantArguments.cid(cid));
        return TenantsCommand.withProvisioner(spec, connection, provisioner -> {
            ProvisionReport report = provisioner.remove(id, user, deleteTopic);
            PrintWriter out = spec.commandLine().getOut();
            report.lines().forEach(out::println);
            out.flush();
            return 0;
        });
    }
}
