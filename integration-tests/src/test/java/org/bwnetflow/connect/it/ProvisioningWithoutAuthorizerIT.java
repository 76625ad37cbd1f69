package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tenant isolation needs an authorizer: on the plain stack (no authorizer, no SASL) {@code flowctl
 * tenants add} refuses with a message that says so, before it creates anything.
 */
@ExtendWith(LocalStack.class)
class ProvisioningWithoutAuthorizerIT {

    @TempDir
    Path tmp;

    @Test
    void addingATenantToABrokerWithoutAuthorizerFailsClearlyAndCreatesNothing() throws Exception {
        Path password = Files.writeString(tmp.resolve("pw"), "some-password-long-enough\n");
        FlowCtlRun run = FlowCtlRun.run("tenants", "add", "4242", "--password-file", password.toString(),
                "--bootstrap-server", LocalStack.broker().bootstrapServers(), "--timeout", "10");
        assertThat(run.exitCode).as(run.out + run.err).isEqualTo(1);
        assertThat(run.err).contains("no authorizer configured").contains("authorizer.class.name");
        assertThat(run.out + run.err).doesNotContain("some-password-long-enough");
        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain("flows-4242");
        }
    }
}
