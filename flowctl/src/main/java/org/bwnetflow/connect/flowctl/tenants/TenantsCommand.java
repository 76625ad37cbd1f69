package org.bwnetflow.connect.flowctl.tenants;

import java.io.PrintWriter;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bwnetflow.connect.tenant.provision.TenantAdminException;
import org.bwnetflow.connect.tenant.provision.TenantNaming;
import org.bwnetflow.connect.tenant.provision.TenantProvisioner;
import org.bwnetflow.connect.tenant.provision.TenantRefusedException;
import org.bwnetflow.connect.tenant.provision.TopicTenantRecords;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flowctl tenants}: set up, list and remove customers' topics, SCRAM users and ACLs. */
@Command(name = "tenants", mixinStandardHelpOptions = true,
        description = {"Manage tenants: a tenant is a topic flows-<cid> (where TenantRouter sends the customer's "
                + "flows), a SCRAM-SHA-512 user tenant-<cid>, ACLs that let that user read its topic and use "
                + "consumer groups named <cid>-*, and client quotas on that user.",
            "The users add creates are recorded in the compacted topic " + TopicTenantRecords.TOPIC + "; remove "
                + "deletes only those.",
            "Needs a broker with an authorizer and an admin user allowed to create topics, to alter the cluster "
                + "(ACLs, SCRAM credentials), to alter its configs (quotas) and to read and write "
                + TopicTenantRecords.TOPIC + "."},
        subcommands = {TenantsAddCommand.class, TenantsListCommand.class, TenantsRemoveCommand.class})
public final class TenantsCommand implements Runnable {

    /** Exit code of {@code add} when an existing topic differs from what was asked (and was left alone). */
    public static final int EXIT_DIFFERS = 3;
    /** Exit code when a command refuses a user {@code tenants add} did not create (nothing was changed). */
    public static final int EXIT_REFUSED = 4;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: add, list or remove");
    }

    /** Parses arguments before the cluster is contacted; a mistake becomes picocli's usage error (exit code 2). */
    static <T> T arguments(CommandSpec spec, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (AdminConnection.UsageException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Runs an action against the cluster; operational failures are printed (secrets redacted) with
     * exit code 1, mistakes in the arguments raise picocli's usage error.
     */
    static int withProvisioner(CommandSpec spec, AdminConnection connection, Function<TenantProvisioner, Integer> action) {
        CommandLine cli = spec.commandLine();
        PrintWriter err = cli.getErr();
        String name = spec.qualifiedName(" ");
        try {
            TenantNaming naming = connection.naming();
            Properties props = connection.properties();
            String bootstrap = props.getProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
            try (Admin admin = connection.open(props); TopicTenantRecords records = connection.records(admin, props)) {
                return action.apply(connection.provisioner(admin, records, naming, bootstrap));
            }
        } catch (AdminConnection.UsageException | IllegalArgumentException e) {
            throw new ParameterException(cli, connection.redact(e.getMessage()));
        } catch (TenantRefusedException e) {
            err.println(name + ": refused: " + connection.redact(e.getMessage()));
            err.flush();
            return EXIT_REFUSED;
        } catch (TenantAdminException | IllegalStateException e) {
            err.println(name + ": " + connection.redact(e.getMessage()));
            err.flush();
            return 1;
        }
    }
}
