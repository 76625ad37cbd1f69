package org.bwnetflow.connect.tenant.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.bwnetflow.connect.tenant.provision.ProvisionReport.Status;
import org.bwnetflow.connect.tenant.provision.testing.FakeAdmin;
import org.bwnetflow.connect.tenant.provision.testing.InMemoryTenantRecords;
import org.junit.jupiter.api.Test;

class TenantProvisionerTest {

    private static final String PASSWORD = "s3cret-and-long-enough";
    private static final long MIB = 1024 * 1024;

    private final FakeAdmin fake = new FakeAdmin();
    private final InMemoryTenantRecords records = new InMemoryTenantRecords();
    private final TenantProvisioner provisioner = new TenantProvisioner(fake.admin(), records, TenantNaming.defaults(),
            "broker.example:9093", Duration.ofSeconds(5));

    private static TenantRequest request(long cid, Integer partitions, Long retentionMs) {
        return new TenantRequest(cid, null, PASSWORD, partitions, null, retentionMs, false, null);
    }

    private static TenantRequest named(long cid, String user, String password, boolean reset) {
        return new TenantRequest(cid, user, password, null, null, null, reset, null);
    }

    private static TenantRequest withQuotas(long cid, Long consumerByteRate, Double requestPercentage) {
        return new TenantRequest(cid, null, PASSWORD, null, null, null, false,
                new TenantQuotas(consumerByteRate, requestPercentage));
    }

    private static Map<String, Status> statuses(ProvisionReport report) {
        Map<String, Status> statuses = new java.util.LinkedHashMap<>();
        report.items().forEach(i -> statuses.put(i.kind() + " " + i.name(), i.status()));
        return statuses;
    }

    private static AclBinding acl(ResourceType type, String name, PatternType pattern, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry("User:tenant-1000", "*", operation, AclPermissionType.ALLOW));
    }

    @Test
    void addCreatesTopicUserAclsAndQuotasAndRecordsTheUser() {
        ProvisionReport report = provisioner.add(request(1000, 6, 604_800_000L));
        assertThat(fake.topics).containsEntry("flows-1000", 6);
        assertThat(fake.retention).containsEntry("flows-1000", "604800000");
        assertThat(fake.scram).containsEntry("tenant-1000", EnumSet.of(ScramMechanism.SCRAM_SHA_512));
        assertThat(fake.passwords).containsEntry("tenant-1000", PASSWORD);
        assertThat(fake.quotas).containsEntry("tenant-1000", Map.of("consumer_byte_rate", 10.0 * MIB,
                "request_percentage", 25.0));
        assertThat(records.users).containsExactly(Map.entry("tenant-1000", 1000L));
        assertThat(fake.acls).containsExactlyInAnyOrder(
                acl(ResourceType.TOPIC, "flows-1000", PatternType.LITERAL, AclOperation.READ),
                acl(ResourceType.TOPIC, "flows-1000", PatternType.LITERAL, AclOperation.DESCRIBE),
                acl(ResourceType.GROUP, "1000-", PatternType.PREFIXED, AclOperation.READ));
        assertThat(report.items()).extracting(ProvisionReport.Item::status).containsOnly(Status.CREATED).hasSize(8);
        assertThat(report.lines()).contains(
                "created  mark  tenant-1000 (recorded in topic _tenants as tenant 1000's user)",
                "created  topic flows-1000 (6 partitions, retention.ms=604800000)",
                "created  user  tenant-1000 (SCRAM-SHA-512, 8192 iterations)",
                "created  acl   ALLOW User:tenant-1000 READ on TOPIC flows-1000 (literal)",
                "created  acl   ALLOW User:tenant-1000 DESCRIBE on TOPIC flows-1000 (literal)",
                "created  acl   ALLOW User:tenant-1000 READ on GROUP 1000- (prefixed)",
                "created  quota tenant-1000 (consumer_byte_rate=10485760, consumer 10 MiB/s, the default)",
                "created  quota tenant-1000 (request_percentage=25, requests 25%, the default)");
        assertThat(String.join("\n", report.lines())).doesNotContain(PASSWORD);
        assertThat(report.changedAnything()).isTrue();
    }

    @Test
    void addTwiceChangesNothing() {
        provisioner.add(request(1000, 6, 604_800_000L));
        fake.calls.clear();
        ProvisionReport again = provisioner.add(new TenantRequest(1000, null, "another long password", 6, null,
                604_800_000L, false, null));
        assertThat(again.items()).extracting(ProvisionReport.Item::status).containsOnly(Status.PRESENT).hasSize(8);
        assertThat(again.changedAnything()).isFalse();
        assertThat(String.join("\n", again.lines())).as("what operators grep for").doesNotContainIgnoringCase("created");
        assertThat(fake.passwords).containsEntry("tenant-1000", PASSWORD);
        assertThat(fake.calls).doesNotContain("createTopics", "createAcls", "alterUserScramCredentials",
                "alterClientQuotas");
        assertThat(records.writes).hasSize(1);
        assertThat(again.lines()).anySatisfy(l -> assertThat(l).startsWith("present  user  tenant-1000")
                .contains("reset it explicitly"));
    }

    @Test
    void anExistingTopicThatDiffersIsReportedAndLeftAlone() {
        fake.topics.put("flows-1000", 3);
        ProvisionReport report = provisioner.add(request(1000, 6, 86_400_000L));
        assertThat(fake.topics).containsEntry("flows-1000", 3);
        assertThat(report.hasDifferences()).isTrue();
        assertThat(report.lines()).contains("differs  topic flows-1000 (has 3 partitions, 6 asked; has "
                + "retention.ms=604800000, 86400000 asked; not changed)");
        assertThat(statuses(report)).containsEntry("user tenant-1000", Status.CREATED);
        ProvisionReport unasked = provisioner.add(request(1000, null, null));
        assertThat(unasked.hasDifferences()).isFalse();
        assertThat(unasked.lines()).contains("present  topic flows-1000 (3 partitions)");
    }

    @Test
    void brokerDefaultsWhenNothingIsAsked() {
        fake.defaultPartitions = 2;
        ProvisionReport report = provisioner.add(TenantRequest.of(7, PASSWORD));
        assertThat(fake.topics).containsEntry("flows-7", 2);
        assertThat(fake.retention).doesNotContainKey("flows-7");
        assertThat(report.lines()).contains("created  topic flows-7 (broker's default partitions, broker's default "
                + "retention)");
    }

    @Test
    void resetPasswordReplacesTheCredential() {
        provisioner.add(request(1000, null, null));
        ProvisionReport report = provisioner.add(named(1000, null, "a new long password", true));
        assertThat(fake.passwords).containsEntry("tenant-1000", "a new long password");
        assertThat(statuses(report)).containsEntry("user tenant-1000", Status.UPDATED);
    }

    @Test
    void aCredentialOfAnotherMechanismGetsASha512One() {
        records.created("tenant-1000", 1000);
        fake.scram.put("tenant-1000", EnumSet.of(ScramMechanism.SCRAM_SHA_256));
        ProvisionReport report = provisioner.add(request(1000, null, null));
        assertThat(fake.scram.get("tenant-1000")).contains(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512);
        assertThat(statuses(report)).containsEntry("user tenant-1000", Status.CREATED);
    }

    @Test
    void aNamedUserAndPartlyPresentAcls() {
        provisioner.add(named(1000, "tenant-acme-flows", PASSWORD, false));
        fake.acls.removeIf(b -> b.pattern().resourceType() == ResourceType.GROUP);
        ProvisionReport report = provisioner.add(named(1000, "tenant-acme-flows", PASSWORD, false));
        assertThat(report.lines()).contains("created  acl   ALLOW User:tenant-acme-flows READ on GROUP 1000- (prefixed)",
                "present  acl   ALLOW User:tenant-acme-flows READ on TOPIC flows-1000 (literal)");
        assertThat(fake.scram).containsOnlyKeys("tenant-acme-flows");
        assertThatThrownBy(() -> provisioner.add(named(1000, "tenant-a,b", PASSWORD, false)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a usable SCRAM user name");
    }

    @Test
    void listFindsTenantsWithTheirUsersAndAcls() {
        provisioner.add(request(1000, 6, null));
        provisioner.add(request(20, 1, null));
        fake.topics.put("flows-unassigned", 1);
        fake.topics.put("flows-0100", 1);
        fake.topics.put("other", 1);
        fake.topics.put("flows-30", 2); // a topic without user or ACLs (e.g. the router made it)
        fake.scram.remove("tenant-20");
        List<TenantInfo> tenants = provisioner.list();
        assertThat(tenants).extracting(TenantInfo::cid).containsExactly(20L, 30L, 1000L);
        TenantInfo acme = tenants.get(2);
        assertThat(acme.topic()).isEqualTo("flows-1000");
        assertThat(acme.partitions()).isEqualTo(6);
        assertThat(acme.users()).containsExactly(Map.entry("tenant-1000", new TenantUser(true, true,
                Map.of("consumer_byte_rate", 10.0 * MIB, "request_percentage", 25.0))));
        assertThat(acme.acls()).hasSize(3).contains("ALLOW User:tenant-1000 READ on GROUP 1000- (prefixed)");
        assertThat(tenants.get(0).users().get("tenant-20").scram()).isFalse();
        assertThat(tenants.get(1).users()).isEmpty();
        assertThat(tenants.get(1).partitions()).isEqualTo(2);
    }

    @Test
    void listShowsAclsWhoseTopicIsGone() {
        provisioner.add(request(1000, null, null));
        fake.topics.clear();
        TenantInfo tenant = provisioner.list().get(0);
        assertThat(tenant.topicExists()).isFalse();
        assertThat(tenant.acls()).hasSize(3);
    }

    @Test
    void removeDeletesAclsAndCredentialButKeepsTheTopicUnlessAsked() {
        provisioner.add(request(1000, null, null));
        provisioner.add(request(1001, null, null));
        ProvisionReport report = provisioner.remove(1000, null, false);
        assertThat(fake.acls).allSatisfy(b -> assertThat(b.entry().principal()).isEqualTo("User:tenant-1001"));
        assertThat(fake.scram).containsOnlyKeys("tenant-1001");
        assertThat(fake.topics).containsKeys("flows-1000", "flows-1001");
        assertThat(fake.quotas).containsOnlyKeys("tenant-1001");
        assertThat(records.users).containsOnlyKeys("tenant-1001");
        assertThat(records.writes).endsWith("removed tenant-1000");
        assertThat(statuses(report)).containsEntry("user tenant-1000", Status.DELETED)
                .containsEntry("topic flows-1000", Status.KEPT).containsEntry("mark tenant-1000", Status.DELETED);
        assertThat(report.items()).filteredOn(i -> i.kind().equals("acl")).hasSize(3)
                .allMatch(i -> i.status() == Status.DELETED);
        assertThat(report.lines()).contains("deleted  quota tenant-1000 (consumer_byte_rate=10485760)",
                "deleted  quota tenant-1000 (request_percentage=25)");

        ProvisionReport again = provisioner.remove(1000, null, true);
        assertThat(fake.topics).doesNotContainKey("flows-1000").containsKey("flows-1001");
        assertThat(statuses(again)).containsEntry("user tenant-1000", Status.ABSENT)
                .containsEntry("topic flows-1000", Status.DELETED);
        assertThat(again.changedAnything()).as("only the asked topic deletion").isTrue();
        assertThat(again.items()).filteredOn(i -> !i.kind().equals("topic")).extracting(ProvisionReport.Item::status)
                .containsOnly(Status.ABSENT);
        assertThat(statuses(provisioner.remove(1000, null, true))).containsEntry("topic flows-1000", Status.ABSENT);
    }

    @Test
    void aBrokerWithoutAuthorizerIsNamedBeforeAnythingIsCreated() {
        fake.failAcls = () -> new SecurityDisabledException("No Authorizer is configured.");
        assertThatThrownBy(() -> provisioner.add(request(1000, null, null))).isInstanceOf(TenantAdminException.class)
                .hasMessageStartingWith("the broker has no authorizer configured (authorizer.class.name); tenant "
                        + "isolation needs one");
        assertThat(fake.topics).isEmpty();
        assertThat(fake.scram).isEmpty();
        assertThatThrownBy(provisioner::list).hasMessageContaining("no authorizer configured");
    }

    @Test
    void missingRightsAreNamed() {
        fake.failScram = () -> new ClusterAuthorizationException("Cluster authorization failed.");
        assertThatThrownBy(() -> provisioner.add(request(1000, null, null))).isInstanceOf(TenantAdminException.class)
                .hasMessage("the admin user is not allowed to describe the SCRAM credentials of tenant-1000: it needs "
                        + "DESCRIBE on the CLUSTER resource (ClusterAuthorizationException)");
        fake.failScram = null;
        fake.failAll = () -> new TopicAuthorizationException(java.util.Set.of("flows-1000"));
        assertThatThrownBy(() -> provisioner.add(request(1000, null, null)))
                .hasMessageStartingWith("the admin user is not allowed to describe the ACLs of tenant-1000");
        fake.failAll = null;
        fake.topics.put("flows-1000", 1);
        fake.failDeleteTopics = () -> new TopicAuthorizationException(java.util.Set.of("flows-1000"));
        assertThatThrownBy(() -> provisioner.remove(1000, null, true)).hasMessage("the admin user is not allowed to "
                + "delete topic flows-1000: it needs DELETE on TOPIC flows-1000 (TopicAuthorizationException)");
        assertThat(fake.topics).containsKey("flows-1000");
    }

    @Test
    void anUnreachableBrokerIsNamedWithItsAddress() {
        fake.failAll = () -> new TimeoutException("Timed out waiting for a node assignment. Call: describeAcls");
        assertThatThrownBy(provisioner::list).isInstanceOf(TenantAdminException.class)
                .hasMessageStartingWith("no answer from the Kafka cluster at broker.example:9093 within 5 s while "
                        + "trying to describe ACLs");
    }

    @Test
    void aFailedTlsHandshakeSaysWhyAndWhereToLook() {
        fake.failAll = () -> new org.apache.kafka.common.errors.SslAuthenticationException("SSL handshake failed",
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed: unable to find valid certification "
                        + "path to requested target"));
        assertThatThrownBy(provisioner::list).isInstanceOf(TenantAdminException.class)
                .hasMessageStartingWith("TLS handshake with broker.example:9093 failed: PKIX path building failed")
                .hasMessageContaining("ssl.truststore.* of --command-config");
    }

    @Test
    void requestsAreCheckedAndNeverShowThePassword() {
        assertThatThrownBy(() -> TenantRequest.of(0, PASSWORD)).hasMessageContaining("not within 1-4294967295");
        assertThatThrownBy(() -> TenantRequest.of(4_294_967_296L, PASSWORD)).hasMessageContaining("not within");
        assertThatThrownBy(() -> TenantRequest.of(1, "")).hasMessageContaining("password is empty");
        assertThatThrownBy(() -> new TenantRequest(1, null, PASSWORD, 0, null, null, false, null))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new TenantRequest(1, null, PASSWORD, null, null, -2L, false, null))
                .hasMessageContaining("-1");
        assertThat(TenantRequest.of(1, PASSWORD).toString()).doesNotContain(PASSWORD).contains("(hidden)");
        assertThatThrownBy(() -> new TenantQuotas(1023L, null)).hasMessageContaining("at least 1024 bytes/s");
        assertThatThrownBy(() -> new TenantQuotas(null, 0.0)).hasMessageContaining("above 0");
        assertThatThrownBy(() -> new TenantQuotas(null, Double.NaN)).hasMessageContaining("above 0");
    }

    @Test
    void aFifteenCharacterPasswordIsRefused() {
        assertThatThrownBy(() -> TenantRequest.of(1000, "fifteen-chars-x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters").hasMessageNotContaining("fifteen-chars-x");
        assertThat(TenantRequest.of(1000, "sixteen-chars-xy").password()).hasSize(16);
        // characters, not UTF-16 units: 15 emoji are 30 chars of a Java string
        assertThatThrownBy(() -> TenantRequest.of(1000, "\uD83D\uDE00".repeat(15))).hasMessageContaining("at least 16");
    }

    @Test
    void removeRefusesTheOperatorAndDeletesNothing() {
        fake.scram.put("operator", EnumSet.of(ScramMechanism.SCRAM_SHA_512));
        fake.topics.put("flows-1", 1);
        AclBinding operatorAcl = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "flows-1", PatternType.LITERAL),
                new AccessControlEntry("User:operator", "*", AclOperation.READ, AclPermissionType.ALLOW));
        fake.acls.add(operatorAcl);
        assertThatThrownBy(() -> provisioner.remove(1, "operator", true)).isInstanceOf(TenantRefusedException.class)
                .hasMessage("operator was not created by flowctl tenants add (no record in topic _tenants), so nothing "
                        + "was deleted; it has a SCRAM credential, 1 ACL. If it really is to go, remove it with Kafka's "
                        + "own tools.");
        assertThat(fake.scram).containsKey("operator");
        assertThat(fake.acls).containsExactly(operatorAcl);
        assertThat(fake.topics).containsKey("flows-1");
        assertThat(fake.calls).doesNotContain("deleteAcls", "alterUserScramCredentials", "alterClientQuotas",
                "deleteTopics");
    }

    @Test
    void removeRefusesAHandMadeTenantUserAndOneOfAnotherTenant() {
        fake.scram.put("tenant-1000", EnumSet.of(ScramMechanism.SCRAM_SHA_512)); // made with Kafka's own tools
        assertThatThrownBy(() -> provisioner.remove(1000, null, false)).isInstanceOf(TenantRefusedException.class)
                .hasMessageStartingWith("tenant-1000 was not created by flowctl tenants add");
        provisioner.add(request(1001, null, null));
        assertThatThrownBy(() -> provisioner.remove(1002, "tenant-1001", true)).isInstanceOf(TenantRefusedException.class)
                .hasMessage("tenant-1001 was created for tenant 1001, not 1002, so nothing was deleted");
        assertThat(fake.scram).containsKeys("tenant-1000", "tenant-1001");
        assertThat(fake.acls).hasSize(3);
        assertThat(records.users).containsOnlyKeys("tenant-1001");
    }

    @Test
    void addRefusesToTakeOverAUserItDidNotCreate() {
        fake.scram.put("tenant-1000", EnumSet.of(ScramMechanism.SCRAM_SHA_512));
        fake.passwords.put("tenant-1000", "made by hand");
        assertThatThrownBy(() -> provisioner.add(named(1000, null, PASSWORD, true)))
                .isInstanceOf(TenantRefusedException.class)
                .hasMessage("tenant-1000 already exists (a SCRAM credential) and was not created by flowctl tenants add "
                        + "(no record in topic _tenants); refusing to give it tenant 1000's access, password or quotas: "
                        + "choose another --user");
        assertThat(fake.passwords).containsEntry("tenant-1000", "made by hand");
        assertThat(fake.topics).isEmpty();
        assertThat(fake.acls).isEmpty();
        assertThat(fake.quotas).isEmpty();
        assertThat(records.users).isEmpty();

        // A principal with rights but no SCRAM credential (e.g. one that logs in by certificate): a password
        // would hand its rights to whoever holds the tenant's login.
        fake.acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "netflow-enriched", PatternType.LITERAL),
                new AccessControlEntry("User:tenant-2000", "*", AclOperation.READ, AclPermissionType.ALLOW)));
        assertThatThrownBy(() -> provisioner.add(request(2000, null, null))).isInstanceOf(TenantRefusedException.class)
                .hasMessageStartingWith("tenant-2000 already exists (1 ACL)");
        assertThat(fake.scram).doesNotContainKey("tenant-2000");

        provisioner.add(request(3000, null, null));
        assertThatThrownBy(() -> provisioner.add(named(3001, "tenant-3000", PASSWORD, false)))
                .isInstanceOf(TenantRefusedException.class)
                .hasMessage("tenant-3000 was created for tenant 3000, not 3001; a tenant login reads one tenant's "
                        + "topic: choose another --user");
        assertThat(fake.acls).noneMatch(b -> b.pattern().name().contains("3001"));
    }

    @Test
    void onlyUserNamesWithTheTenantPrefixAreCreated() {
        for (String user : List.of("operator", "admin", "ANONYMOUS", "tenant-", "acme-flows")) {
            assertThatThrownBy(() -> provisioner.add(named(1000, user, PASSWORD, false))).as(user)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not start with 'tenant-'");
        }
        assertThat(fake.calls).isEmpty();
    }

    @Test
    void aUserRecordedBeforeAFailureIsFinishedByTheNextAdd() {
        fake.failScramChanges = () -> new ClusterAuthorizationException("Cluster authorization failed.");
        assertThatThrownBy(() -> provisioner.add(request(1000, null, null))).isInstanceOf(TenantAdminException.class)
                .hasMessageStartingWith("the admin user is not allowed to set the SCRAM credential of tenant-1000");
        assertThat(records.users).as("recorded before the user was made").containsOnlyKeys("tenant-1000");
        fake.failScramChanges = null;
        ProvisionReport report = provisioner.add(request(1000, null, null));
        assertThat(statuses(report)).containsEntry("mark tenant-1000", Status.PRESENT)
                .containsEntry("user tenant-1000", Status.CREATED);
        assertThat(provisioner.remove(1000, null, false).changedAnything()).isTrue();
    }

    @Test
    void askedQuotasAreSetAndUnaskedOnesKept() {
        provisioner.add(withQuotas(1000, MIB, null));
        assertThat(fake.quotas.get("tenant-1000")).isEqualTo(Map.of("consumer_byte_rate", 1.0 * MIB,
                "request_percentage", 25.0));
        fake.quotas.get("tenant-1000").put("request_percentage", 50.0); // raised by hand for this customer
        ProvisionReport again = provisioner.add(request(1000, null, null));
        assertThat(again.changedAnything()).isFalse();
        assertThat(again.lines()).contains("present  quota tenant-1000 (consumer_byte_rate=1048576, consumer 1 MiB/s)",
                "present  quota tenant-1000 (request_percentage=50, requests 50%)");
        ProvisionReport changed = provisioner.add(withQuotas(1000, 20 * MIB, 12.5));
        assertThat(changed.lines()).contains(
                "updated  quota tenant-1000 (consumer_byte_rate=20971520, consumer 20 MiB/s, was 1048576)",
                "updated  quota tenant-1000 (request_percentage=12.5, requests 12.5%, was 50)");
        assertThat(fake.quotas.get("tenant-1000")).isEqualTo(Map.of("consumer_byte_rate", 20.0 * MIB,
                "request_percentage", 12.5));
    }

    @Test
    void removeDeletesEveryAclAndQuotaOfItsUser() {
        provisioner.add(request(1000, null, null));
        AclBinding elsewhere = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "flows-unassigned",
                PatternType.LITERAL), new AccessControlEntry("User:tenant-1000", "*", AclOperation.READ,
                AclPermissionType.ALLOW));
        fake.acls.add(elsewhere);
        fake.quotas.get("tenant-1000").put("producer_byte_rate", 1024.0);
        ProvisionReport report = provisioner.remove(1000, null, false);
        assertThat(fake.acls).isEmpty();
        assertThat(fake.quotas).isEmpty();
        assertThat(report.lines()).contains("deleted  acl   ALLOW User:tenant-1000 READ on TOPIC flows-unassigned "
                + "(literal)", "deleted  quota tenant-1000 (producer_byte_rate=1024)");
    }

    @Test
    void quotaValuesAsOperatorsReadThem() {
        assertThat(TenantQuotas.describe("consumer_byte_rate", 10 * MIB)).isEqualTo("consumer 10 MiB/s");
        assertThat(TenantQuotas.describe("consumer_byte_rate", 512 * 1024)).isEqualTo("consumer 512 KiB/s");
        assertThat(TenantQuotas.describe("consumer_byte_rate", 1500)).isEqualTo("consumer 1500 B/s");
        assertThat(TenantQuotas.describe("request_percentage", 25)).isEqualTo("requests 25%");
        assertThat(TenantQuotas.describe("producer_byte_rate", 2048)).isEqualTo("producer_byte_rate=2048");
    }

    @Test
    void recordValuesAreReadBackAndUnreadableOnesAreNotTrusted() {
        TopicTenantRecords topic = new TopicTenantRecords(fake.admin(), Map.of(), "broker.example:9093",
                Duration.ofSeconds(5), java.time.Clock.fixed(java.time.Instant.parse("2026-05-01T10:00:00Z"),
                        java.time.ZoneOffset.UTC));
        assertThat(topic.value(1000)).isEqualTo("cid=1000;created=2026-05-01T10:00:00Z");
        assertThat(TopicTenantRecords.cidOf(topic.value(1000))).isEqualTo(1000L);
        assertThat(TopicTenantRecords.cidOf("created=2026-05-01T10:00:00Z")).isNull();
        assertThat(TopicTenantRecords.cidOf("cid=0")).isNull();
        assertThat(TopicTenantRecords.cidOf("cid=abc")).isNull();
        assertThat(topic.createdUsers()).as("no topic, no user created yet").isEmpty();
    }

    @Test
    void naming() {
        TenantNaming naming = TenantNaming.defaults();
        assertThat(naming.topic(1000)).isEqualTo("flows-1000");
        assertThat(naming.user(1000)).isEqualTo("tenant-1000");
        assertThat(naming.groupPrefix(1000)).isEqualTo("1000-");
        assertThat(naming.cidOfTopic("flows-1000")).isEqualTo(1000);
        assertThat(naming.cidOfTopic("flows-4294967295")).isEqualTo(4_294_967_295L);
        assertThat(naming.cidOfTopic("flows-4294967296")).isEqualTo(-1);
        assertThat(naming.cidOfTopic("flows-0")).isEqualTo(-1);
        assertThat(naming.cidOfTopic("flows-01")).isEqualTo(-1);
        assertThat(naming.cidOfTopic("flows-unassigned")).isEqualTo(-1);
        assertThat(naming.cidOfTopic("flows-")).isEqualTo(-1);
        assertThat(TenantNaming.cidOfGroupPrefix("1000-")).isEqualTo(1000);
        assertThat(TenantNaming.cidOfGroupPrefix("1000")).isEqualTo(-1);
        assertThat(new TenantNaming("t.", "cust").topic(5)).isEqualTo("t.5");
        assertThatThrownBy(() -> new TenantNaming("bad prefix", "u")).hasMessageContaining("not allowed");
    }
}
