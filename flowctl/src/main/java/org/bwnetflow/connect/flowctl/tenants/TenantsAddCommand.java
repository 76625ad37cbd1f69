package org.bwnetflow.connect.flowctl.tenants;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bwnetflow.connect.tenant.provision.ProvisionReport;
import org.bwnetflow.connect.tenant.provision.TenantProvisioner;
import org.bwnetflow.connect.tenant.provision.TenantQuotas;
import org.bwnetflow.connect.tenant.provision.TenantRequest;
import org.bwnetflow.connect.tenant.provision.TopicTenantRecords;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowctl tenants add CID}: creates what is missing of a tenant. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Create a tenant's topic, SCRAM-SHA-512 user (" + TenantProvisioner.SCRAM_ITERATIONS
                + " iterations), ACLs (READ and DESCRIBE on its topic, READ on consumer groups <cid>-*) and client "
                + "quotas on the user (consumer_byte_rate, request_percentage), and record the user in "
                + TopicTenantRecords.TOPIC + " as created by this command.",
            "Idempotent: what exists is left alone and reported as present. An existing SCRAM-SHA-512 credential is "
                + "kept (a password cannot be read back to compare) unless --reset-password. An existing topic with "
                + "other partitions or retention than asked is reported, not changed, and the exit code is "
                + TenantsCommand.EXIT_DIFFERS + ". A quota given here is set; one not given is set to its default "
                + "only when the user has none.",
            "Refused (exit code " + TenantsCommand.EXIT_REFUSED + ", nothing changed): a user that exists but was not "
                + "created by this command, or was created for another tenant. Passwords need at least "
                + TenantRequest.MIN_PASSWORD_LENGTH + " characters."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (created or already present)", "1:the cluster refused or did not answer",
            "2:bad arguments", "3:done, but the existing topic differs from what was asked",
            "4:refused: the user exists and was not created by tenants add for this tenant"})
public final class TenantsAddCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    AdminConnection connection;

    @Parameters(paramLabel = "CID", description = "Customer id, 1-4294967295 (the flows' Cid)")
    String cid;

    @Option(names = "--password-file", required = true, paramLabel = "FILE",
            description = "File holding the tenant user's password (a trailing line break is ignored); passwords "
                    + "are never taken as arguments")
    Path passwordFile;

    @Option(names = "--user", paramLabel = "NAME",
            description = "SCRAM user name, starting with tenant- (default: tenant-<cid>)")
    String user;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of a new topic (default: the broker's)")
    Integer partitions;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "Replication factor of a new topic (default: the broker's)")
    Short replicationFactor;

    @Option(names = "--retention", paramLabel = "DURATION",
            description = "retention.ms of a new topic: 7d, 12h, 30m, 45s, 500ms, milliseconds, or -1/unlimited "
                    + "(default: the broker's)")
    String retention;

    @Option(names = "--reset-password", description = "Replace an existing SCRAM-SHA-512 credential with this password")
    boolean resetPassword;

    @Option(names = "--consumer-byte-rate", paramLabel = "RATE",
            description = "Quota consumer_byte_rate: bytes per second the tenant may fetch, e.g. 10MiB, 512KiB or "
                    + "a number of bytes (default: 10MiB where the user has none; an existing quota is kept unless "
                    + "given)")
    String consumerByteRate;

    @Option(names = "--request-percentage", paramLabel = "PERCENT",
            description = "Quota request_percentage: share of one broker I/O or network thread's time the tenant's "
                    + "requests may take per quota window (default: 25 where the user has none; an existing quota is "
                    + "kept unless given)")
    String requestPercentage;

    @Override
    public Integer call() {
        TenantRequest request = TenantsCommand.arguments(spec, this::request);
        return TenantsCommand.withProvisioner(spec, connection, provisioner -> {
            ProvisionReport report = provisioner.add(request);
            PrintWriter out = spec.commandLine().getOut();
            report.lines().forEach(out::println);
            out.flush();
            return report.hasDifferences() ? TenantsCommand.EXIT_DIFFERS : 0;
        });
    }

    /** The request from the arguments; any mistake raises a usage error before the cluster is asked. */
    private TenantRequest request() {
        long id = TenantArguments.cid(cid);
        Long retentionMs = retention == null ? null : TenantArguments.retentionMs(retention);
        TenantQuotas quotas = new TenantQuotas(consumerByteRate == null ? null : TenantArguments.byteRate(
                consumerByteRate), requestPercentage == null ? null : TenantArguments.percentage(requestPercentage));
        String password = TenantArguments.password(passwordFile);
        connection.secret(password);
        return new TenantRequest(id, user, password, partitions, replicationFactor, retentionMs, resetPassword, quotas);
    }
}
