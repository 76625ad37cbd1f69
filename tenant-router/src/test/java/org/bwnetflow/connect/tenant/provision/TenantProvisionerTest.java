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
import org.junit.jupiter.api.Test;

class TenantProvisionerTest {

    private final FakeAdmin fake = new FakeAdmin();
    private final TenantProvisioner provisioner = new TenantProvisioner(fake.admin(), TenantNaming.defaults(),
            "broker.example:9093", Duration.ofSeconds(5));

    private static TenantRequest request(long cid, Integer partitions, Long retentionMs) {
        return new TenantRequest(cid, null, "s3cret", partitions, null, retentionMs, false);
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
    void addCreatesTopicUserAndAcls() {
        ProvisionReport report = provisioner.add(request(1000, 6, 604_800_000L));
        assertThat(fake.topics).containsEntry("flows-1000", 6);
        assertThat(fake.retention).containsEntry("flows-1000", "604800000");
        assertThat(fake.scram).containsEntry("tenant-1000", EnumSet.of(ScramMechanism.SCRAM_SHA_512));
        assertThat(fake.passwords).containsEntry("tenant-1000", "s3cret");
        assertThat(fake.acls).containsExactlyInAnyOrder(
                acl(ResourceType.TOPIC, "flows-1000", PatternType.LITERAL, AclOperation.READ),
                acl(ResourceType.TOPIC, "flows-1000", PatternType.LITERAL, AclOperation.DESCRIBE),
                acl(ResourceType.GROUP, "1000-", PatternType.PREFIXED, AclOperation.READ));
        assertThat(report.items()).extracting(ProvisionReport.Item::status).containsOnly(Status.CREATED).hasSize(5);
        assertThat(report.lines()).contains(
                "created  topic flows-1000 (6 partitions, retention.ms=604800000)",
                "created  user  tenant-1000 (SCRAM-SHA-512, 8192 iterations)",
                "created  acl   ALLOW User:tenant-1000 READ on TOPIC flows-1000 (literal)",
                "created  acl   ALLOW User:tenant-1000 DESCRIBE on TOPIC flows-1000 (literal)",
                "created  acl   ALLOW User:tenant-1000 READ on GROUP 1000- (prefixed)");
        assertThat(String.join("\n", report.lines())).doesNotContain("s3cret");
        assertThat(report.changedAnything()).isTrue();
    }

    @Test
    void addTwiceChangesNothing() {
        provisioner.add(request(1000, 6, 604_800_000L));
        fake.calls.clear();
        ProvisionReport again = provisioner.add(new TenantRequest(1000, null, "another password", 6, null,
                604_800_000L, false));
        assertThat(again.items()).extracting(ProvisionReport.Item::status).containsOnly(Status.PRESENT).hasSize(5);
        assertThat(again.changedAnything()).isFalse();
        assertThat(fake.passwords).containsEntry("tenant-1000", "s3cret");
        assertThat(fake.calls).doesNotContain("createTopics", "createAcls", "alterUserScramCredentials");
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
        ProvisionReport report = provisioner.add(TenantRequest.of(7, "pw"));
        assertThat(fake.topics).containsEntry("flows-7", 2);
        assertThat(fake.retention).doesNotContainKey("flows-7");
        assertThat(report.lines()).contains("created  topic flows-7 (broker's default partitions, broker's default "
                + "retention)");
    }

    @Test
    void resetPasswordReplacesTheCredential() {
        provisioner.add(request(1000, null, null));
        ProvisionReport report = provisioner.add(new TenantRequest(1000, null, "new", null, null, null, true));
        assertThat(fake.passwords).containsEntry("tenant-1000", "new");
        assertThat(statuses(report)).containsEntry("user tenant-1000", Status.UPDATED);
    }

    @Test
    void aCredentialOfAnotherMechanismGetsASha512One() {
        fake.scram.put("tenant-1000", EnumSet.of(ScramMechanism.SCRAM_SHA_256));
        ProvisionReport report = provisioner.add(request(1000, null, null));
        assertThat(fake.scram.get("tenant-1000")).contains(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512);
        assertThat(statuses(report)).containsEntry("user tenant-1000", Status.CREATED);
    }

    @Test
    void aNamedUserAndPartlyPresentAcls() {
        provisioner.add(new TenantRequest(1000, "acme-flows", "pw", null, null, null, false));
        fake.acls.removeIf(b -> b.pattern().resourceType() == ResourceType.GROUP);
        ProvisionReport report = provisioner.add(new TenantRequest(1000, "acme-flows", "pw", null, null, null, false));
        assertThat(report.lines()).contains("created  acl   ALLOW User:acme-flows READ on GROUP 1000- (prefixed)",
                "present  acl   ALLOW User:acme-flows READ on TOPIC flows-1000 (literal)");
        assertThat(fake.scram).containsOnlyKeys("acme-flows");
        assertThatThrownBy(() -> provisioner.add(new TenantRequest(1000, "a,b", "pw", null, null, null, false)))
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
        assertThat(acme.users()).containsExactly(Map.entry("tenant-1000", true));
        assertThat(acme.acls()).hasSize(3).contains("ALLOW User:tenant-1000 READ on GROUP 1000- (prefixed)");
        assertThat(tenants.get(0).users()).containsExactly(Map.entry("tenant-20", false));
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
        assertThat(statuses(report)).containsEntry("user tenant-1000", Status.DELETED)
                .containsEntry("topic flows-1000", Status.KEPT);
        assertThat(report.items()).filteredOn(i -> i.kind().equals("acl")).hasSize(3)
                .allMatch(i -> i.status() == Status.DELETED);

        ProvisionReport again = provisioner.remove(1000, null, true);
        assertThat(fake.topics).doesNotContainKey("flows-1000").containsKey("flows-1001");
        assertThat(statuses(again)).containsEntry("user tenant-1000", Status.ABSENT)
                .containsEntry("topic flows-1000", Status.DELETED);
        assertThat(again.items()).filteredOn(i -> i.kind().equals("acl")).extracting(ProvisionReport.Item::status)
                .containsExactly(Status.ABSENT);
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
        assertThatThrownBy(() -> TenantRequest.of(0, "pw")).hasMessageContaining("not within 1-4294967295");
        assertThatThrownBy(() -> TenantRequest.of(4_294_967_296L, "pw")).hasMessageContaining("not within");
        assertThatThrownBy(() -> TenantRequest.of(1, "")).hasMessageContaining("password is empty");
        assertThatThrownBy(() -> new TenantRequest(1, null, "pw", 0, null, null, false)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new TenantRequest(1, null, "pw", null, null, -2L, false)).hasMessageContaining("-1");
        assertThat(TenantRequest.of(1, "s3cret").toString()).doesNotContain("s3cret").contains("(hidden)");
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
