package org.bwnetflow.connect.flowctl.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.bwnetflow.connect.tenant.provision.TenantUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantsCommandTest {

    @TempDir
    Path tmp;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(tmp.resolve(name), content);
    }

    @Test
    void helpNamesTheSubcommands() {
        FlowCtlRun run = FlowCtlRun.run("tenants", "--help");
        assertThat(run.exitCode).isZero();
        assertThat(run.out).contains("add", "list", "remove");
        FlowCtlRun add = FlowCtlRun.run("tenants", "add", "--help");
        assertThat(add.out).contains("--password-file", "--partitions", "--retention", "--bootstrap-server",
                "--command-config", "--reset-password");
        assertThat(FlowCtlRun.run("tenants").exitCode).isEqualTo(2);
    }

    @Test
    void addNeedsAPasswordFile() {
        FlowCtlRun run = FlowCtlRun.run("tenants", "add", "1000");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Missing required option: '--password-file=FILE'");
    }

    @Test
    void aMissingPasswordFileIsNamed() {
        FlowCtlRun run = FlowCtlRun.run("tenants", "add", "1000", "--password-file", tmp.resolve("nope").toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--password-file " + tmp.resolve("nope") + " does not exist");
    }

    @Test
    void anEmptyPasswordFileIsRejected() throws IOException {
        for (String content : new String[] {"", "\n", "\r\n"}) {
            Path empty = file("empty", content);
            FlowCtlRun run = FlowCtlRun.run("tenants", "add", "1000", "--password-file", empty.toString());
            assertThat(run.exitCode).isEqualTo(2);
            assertThat(run.err).contains("--password-file " + empty + " is empty");
        }
    }

    @Test
    void thePasswordLosesOnlyItsTrailingLineBreak() throws IOException {
        assertThat(TenantArguments.password(file("a", "s3cret\n"))).isEqualTo("s3cret");
        assertThat(TenantArguments.password(file("b", "s3cret\r\n"))).isEqualTo("s3cret");
        assertThat(TenantArguments.password(file("c", " two words \n\n"))).isEqualTo(" two words ");
        assertThat(TenantArguments.password(file("d", "no newline"))).isEqualTo("no newline");
    }

    @ParameterizedTest
    @CsvSource({"7d,604800000", "12h,43200000", "30m,1800000", "45s,45000", "500ms,500", "604800000,604800000",
        "-1,-1", "unlimited,-1", "0,0", "7D,604800000"})
    void retentions(String text, long ms) {
        assertThat(TenantArguments.retentionMs(text)).isEqualTo(ms);
    }

    @Test
    void badRetentionsAreRejected() throws IOException {
        for (String bad : new String[] {"7w", "d", "-5", "1.5h", "99999999999999999999d", "106751991167301d"}) {
            assertThatThrownBy(() -> TenantArguments.retentionMs(bad)).as(bad)
                    .hasMessageContaining("'" + bad + "' is not a duration");
        }
        Path password = file("pw", "s3cret\n");
        FlowCtlRun run = FlowCtlRun.run("tenants", "add", "1000", "--password-file", password.toString(),
                "--retention", "7 weeks");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--retention: '7 weeks' is not a duration like 7d, 12h, 30m");
        assertThat(run.out + run.err).doesNotContain("s3cret");
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "abc", "4294967296", "1e3", "99999999999"})
    void badCustomerIdsAreRejected(String cid) throws IOException {
        Path password = file("pw", "s3cret");
        FlowCtlRun add = FlowCtlRun.run("tenants", "add", cid, "--password-file", password.toString());
        assertThat(add.exitCode).isEqualTo(2);
        assertThat(add.err).contains("CID: '" + cid + "' is not a customer id (a number 1-4294967295)");
        FlowCtlRun remove = FlowCtlRun.run("tenants", "remove", "--", cid);
        assertThat(remove.exitCode).isEqualTo(2);
        assertThat(remove.err).contains("is not a customer id");
    }

    @Test
    void theLargestCustomerIdIsFine() {
        assertThat(TenantArguments.cid("4294967295")).isEqualTo(4_294_967_295L);
        assertThat(TenantArguments.cid("1")).isEqualTo(1);
    }

    @Test
    void aMissingCommandConfigIsNamed() {
        FlowCtlRun run = FlowCtlRun.run("tenants", "list", "--command-config", tmp.resolve("admin.properties")
                .toString());
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("cannot read --command-config " + tmp.resolve("admin.properties"));
    }

    @Test
    void aBadTopicPrefixIsRejected() {
        FlowCtlRun run = FlowCtlRun.run("tenants", "list", "--topic-prefix", "flows/");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--topic-prefix: topic prefix 'flows/'", "not allowed in a topic name");
    }

    @Test
    void anUnreachableBrokerIsNamedAndNoSecretIsPrinted() throws IOException {
        Path config = file("admin.properties", String.join("\n",
                "security.protocol=SASL_PLAINTEXT",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"admin\" password=\"jaas-pw-1234\";"));
        Path password = file("pw", "tenant-pw-5678-long-enough\n");
        FlowCtlRun run = FlowCtlRun.run("tenants", "add", "1000", "--password-file", password.toString(),
                "--bootstrap-server", "127.0.0.1:1", "--command-config", config.toString(), "--timeout", "2");
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("flowctl tenants add: no answer from the Kafka cluster at 127.0.0.1:1 within 2 s");
        assertThat(run.out + run.err).doesNotContain("jaas-pw-1234").doesNotContain("tenant-pw-5678");
    }

    @Test
    void aPasswordShorterThan16CharactersIsRefusedBeforeTheClusterIsAsked() throws IOException {
        Path password = file("pw", "fifteen-chars-x\n");
        FlowCtlRun run = FlowCtlRun.run("tenants", "add", "1000", "--password-file", password.toString(),
                "--bootstrap-server", "127.0.0.1:1", "--timeout", "2");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("the password must be at least 16 characters long")
                .doesNotContain("no answer from the Kafka cluster");
        assertThat(run.out + run.err).doesNotContain("fifteen-chars-x");
    }

    @ParameterizedTest
    @CsvSource({"10MiB,10485760", "10mib,10485760", "512KiB,524288", "1GiB,1073741824", "2048,2048", "1 MiB,1048576"})
    void byteRates(String text, long bytes) {
        assertThat(TenantArguments.byteRate(text)).isEqualTo(bytes);
    }

    @Test
    void badQuotasAreRejected() throws IOException {
        for (String bad : new String[] {"10MB", "10M", "-1", "1.5MiB", "fast", ""}) {
            assertThatThrownBy(() -> TenantArguments.byteRate(bad)).as(bad)
                    .hasMessageContaining("'" + bad + "' is not a rate like 10MiB");
        }
        assertThat(TenantArguments.percentage("25")).isEqualTo(25.0);
        assertThat(TenantArguments.percentage("12.5")).isEqualTo(12.5);
        for (String bad : new String[] {"0", "-5", "25%", "NaN", "1e3", ""}) {
            assertThatThrownBy(() -> TenantArguments.percentage(bad)).as(bad)
                    .hasMessageContaining("'" + bad + "' is not a percentage");
        }
        Path password = file("pw", "long-enough-password\n");
        FlowCtlRun tooLow = FlowCtlRun.run("tenants", "add", "1000", "--password-file", password.toString(),
                "--consumer-byte-rate", "10");
        assertThat(tooLow.exitCode).isEqualTo(2);
        assertThat(tooLow.err).contains("consumer_byte_rate must be at least 1024 bytes/s, not 10");
        FlowCtlRun help = FlowCtlRun.run("tenants", "add", "--help");
        assertThat(help.out).contains("--consumer-byte-rate", "(default: 10MiB where", "--request-percentage",
                "(default: 25 where", "4   refused");
    }

    @Test
    void listShowsQuotasAndWhatIsNotOurs() {
        java.util.Map<String, TenantUser> users = new java.util.TreeMap<>();
        users.put("tenant-1000", new TenantUser(true, true, java.util.Map.of("request_percentage", 25.0,
                "consumer_byte_rate", 10.0 * 1024 * 1024)));
        users.put("tenant-1000-hand", new TenantUser(false, false, java.util.Map.of()));
        assertThat(TenantsListCommand.users(users)).isEqualTo("tenant-1000 [consumer 10 MiB/s, requests 25%], "
                + "tenant-1000-hand [no quotas] (no SCRAM-SHA-512 credential; not created by tenants add)");
    }

    @Test
    void theRedactorHidesSecrets() {
        AdminConnection connection = new AdminConnection();
        connection.secret("hunter2");
        assertThat(connection.redact("login failed for hunter2")).isEqualTo("login failed for (hidden)");
        assertThat(connection.redact(null)).isEmpty();
    }
}
