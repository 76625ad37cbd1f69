package org.bwnetflow.connect.tenant.provision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.bwnetflow.connect.tenant.provision.ProvisionReport.Status;

/**
 * Sets up, lists and removes tenants through Kafka's Admin API: a tenant is a topic
 * ({@code flows-<cid>}), a SCRAM-SHA-512 user ({@code tenant-<cid>} unless named otherwise, always
 * starting with {@code tenant-}), three ACLs that let that user read its own topic and use consumer
 * groups named {@code <cid>-...}, and client quotas on that user (see {@link TenantQuotas}).
 *
 * <p>{@link #add} is idempotent: what exists is left alone and reported as present. A topic that
 * exists with another partition count or retention than asked is reported as differing and not
 * changed (growing partitions reshuffles keys, shrinking retention deletes data: both deserve a
 * deliberate {@code kafka-topics}/{@code kafka-configs} call). A SCRAM password cannot be read
 * back, so an existing SCRAM-SHA-512 credential is kept unless the request asks to reset it. A
 * quota is set to what was asked; one not asked is set to its default only when the user has none.
 * The ACL check comes first, so a broker without an authorizer is reported before anything is created.
 *
 * <p>Only users this class created are its own: {@link #add} records each user it creates in
 * {@link TenantRecords} before creating it, refuses a user that exists without such a record (the
 * super-user, a login made with Kafka's tools) or that was created for another tenant, and
 * {@link #remove} deletes nothing of a user without the record ({@link TenantRefusedException}).
 */
public final class TenantProvisioner {

    /** SCRAM iterations of a new credential (Kafka's minimum for SCRAM-SHA-512 is 4096). */
    public static final int SCRAM_ITERATIONS = 8192;
    public static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;

    private static final String CLUSTER_DESCRIBE = "DESCRIBE on the CLUSTER resource";
    private static final String CLUSTER_ALTER = "ALTER on the CLUSTER resource";

    private final Admin admin;
    private final TenantRecords records;
    private final TenantNaming naming;
    private final AdminCalls calls;
    private final UserQuotas quotas;

    /**
     * @param records where the users this class created are recorded
     * @param bootstrap the cluster's address, for error messages
     * @param timeout how long to wait for each Admin call
     */
    public TenantProvisioner(Admin admin, TenantRecords records, TenantNaming naming, String bootstrap,
            Duration timeout) {
        this.admin = admin;
        this.records = records;
        this.naming = naming;
        this.calls = new AdminCalls(bootstrap, timeout);
        this.quotas = new UserQuotas(admin, calls);
    }

    public TenantNaming naming() {
        return naming;
    }

    /**
     * Creates what is missing of the tenant; see the class comment for what is left alone.
     *
     * @throws TenantRefusedException when the user exists but was not created by this class for this tenant
     */
    public ProvisionReport add(TenantRequest request) {
        long cid = request.cid();
        String user = userOf(cid, request.user());
        if (!naming.isTenantUserName(user)) {
            throw new IllegalArgumentException("the user name '" + user + "' does not start with '"
                    + naming.userPrefix() + "': every tenant login does, so that none can take the name of the "
                    + "operator, a broker or another service");
        }
        ProvisionReport report = new ProvisionReport();
        Set<AclBinding> existing = aclsOf(user);
        UserScramCredentialsDescription credential = credentialOf(user);
        Map<String, Double> userQuotas = quotas.of(user);
        claim(user, cid, existing, credential, userQuotas, report);
        addTopic(naming.topic(cid), request, report);
        addCredential(user, request, credential, report);
        List<AclBinding> missing = new ArrayList<>();
        for (AclBinding binding : bindings(cid, user)) {
            if (existing.contains(binding)) {
                report.add(Status.PRESENT, "acl", describe(binding), "");
            } else {
                missing.add(binding);
            }
        }
        if (!missing.isEmpty()) {
            calls.await(admin.createAcls(missing).all(), "create ACLs for " + user, CLUSTER_ALTER);
            missing.forEach(binding -> report.add(Status.CREATED, "acl", describe(binding), ""));
        }
        quotas.set(user, request.quotas(), userQuotas, report);
        return report;
    }

    /**
     * Makes the user this tenant's: a new user is recorded before anything of it is created (so a
     * failure half-way leaves a user that a second run, or remove, still recognises as its own).
     */
    private void claim(String user, long cid, Set<AclBinding> acls, UserScramCredentialsDescription credential,
            Map<String, Double> userQuotas, ProvisionReport report) {
        Long owner = records.createdUsers().get(user);
        String mark = "recorded in " + records.where() + " as tenant " + cid + "'s user";
        if (owner == null) {
            List<String> found = whatExists(acls, credential, userQuotas);
            if (!found.isEmpty()) {
                throw new TenantRefusedException(user + " already exists (" + String.join(", ", found) + ") and was "
                        + "not created by flowctl tenants add (no record in " + records.where() + "); refusing to "
                        + "give it tenant " + cid + "'s access, password or quotas: choose another --user");
            }
            records.created(user, cid);
            report.add(Status.CREATED, "mark", user, mark);
        } else if (owner != cid) {
            throw new TenantRefusedException(user + " was created for tenant " + owner + ", not " + cid + "; a tenant "
                    + "login reads one tenant's topic: choose another --user");
        } else {
            report.add(Status.PRESENT, "mark", user, mark);
        }
    }

    /** What exists of a user, e.g. {@code a SCRAM credential, 2 ACLs}; empty when nothing does. */
    private static List<String> whatExists(Collection<AclBinding> acls, UserScramCredentialsDescription credential,
            Map<String, Double> userQuotas) {
        List<String> found = new ArrayList<>();
        if (credential != null && !credential.credentialInfos().isEmpty()) {
            found.add("a SCRAM credential");
        }
        if (!acls.isEmpty()) {
            found.add(acls.size() + (acls.size() == 1 ? " ACL" : " ACLs"));
        }
        if (!userQuotas.isEmpty()) {
            found.add("client quotas");
        }
        return found;
    }

    /** The tenants found: topics named prefix + customer id, ACLs on such topics or group prefixes, recorded users. */
    public List<TenantInfo> list() {
        Collection<AclBinding> acls = calls.await(admin.describeAcls(AclBindingFilter.ANY).values(),
                "describe ACLs", CLUSTER_DESCRIBE);
        Set<String> names = calls.await(admin.listTopics().names(), "list topics", "DESCRIBE on the topics");
        Map<Long, TreeSet<String>> aclLines = new TreeMap<>();
        Map<Long, Set<String>> principals = new HashMap<>();
        for (AclBinding binding : acls) {
            long cid = cidOf(binding.pattern());
            if (cid > 0) {
                aclLines.computeIfAbsent(cid, c -> new TreeSet<>()).add(describe(binding));
                principals.computeIfAbsent(cid, c -> new LinkedHashSet<>()).add(binding.entry().principal());
            }
        }
        for (String name : names) {
            long cid = naming.cidOfTopic(name);
            if (cid > 0) {
                aclLines.computeIfAbsent(cid, c -> new TreeSet<>());
            }
        }
        Map<String, Long> created = records.createdUsers();
        created.forEach((user, cid) -> {
            aclLines.computeIfAbsent(cid, c -> new TreeSet<>());
            principals.computeIfAbsent(cid, c -> new LinkedHashSet<>()).add("User:" + user);
        });
        Map<String, Integer> partitions = partitions(aclLines.keySet(), names);
        Map<String, UserScramCredentialsDescription> credentials = calls.await(
                admin.describeUserScramCredentials().all(), "describe SCRAM credentials", CLUSTER_DESCRIBE);
        Map<String, Map<String, Double>> allQuotas = quotas.ofAllUsers();
        List<TenantInfo> tenants = new ArrayList<>();
        aclLines.forEach((cid, lines) -> {
            Map<String, TenantUser> users = new TreeMap<>();
            for (String principal : principals.getOrDefault(cid, Set.of())) {
                String user = principal.startsWith("User:") ? principal.substring(5) : principal;
                users.put(user, new TenantUser(hasScram512(credentials.get(user)),
                        cid.equals(created.get(user)), allQuotas.getOrDefault(user, Map.of())));
            }
            String topic = naming.topic(cid);
            tenants.add(new TenantInfo(cid, topic, partitions.getOrDefault(topic, 0), users, List.copyOf(lines)));
        });
        return tenants;
    }

    /**
     * Removes the tenant's user: its ACLs, client quotas and SCRAM-SHA-512 credential, then its
     * record; and the topic (with all its flows) only when {@code deleteTopic}. Running it again
     * reports everything as absent.
     *
     * @param user the SCRAM user; null for the naming's default
     * @throws TenantRefusedException when the user exists but was not created by {@link #add} for this
     *     tenant; nothing is deleted then
     */
    public ProvisionReport remove(long cid, String user, boolean deleteTopic) {
        String name = userOf(cid, user);
        String topic = naming.topic(cid);
        ProvisionReport report = new ProvisionReport();
        Long owner = records.createdUsers().get(name);
        if (owner == null) {
            List<String> found = whatExists(aclsOf(name), credentialOf(name), quotas.of(name));
            if (!found.isEmpty()) {
                throw new TenantRefusedException(name + " was not created by flowctl tenants add (no record in "
                        + records.where() + "), so nothing was deleted; it has " + String.join(", ", found)
                        + ". If it really is to go, remove it with Kafka's own tools.");
            }
            report.add(Status.ABSENT, "user", name, "no record, credential, ACL or quota");
        } else if (owner != cid) {
            throw new TenantRefusedException(name + " was created for tenant " + owner + ", not " + cid
                    + ", so nothing was deleted");
        } else {
            removeAcls(name, report);
            quotas.remove(name, report);
            removeCredential(name, report);
        }
        if (deleteTopic) {
            deleteTopic(topic, report);
        } else {
            report.add(Status.KEPT, "topic", topic, "its flows stay; delete the topic explicitly to remove them");
        }
        if (owner != null) {
            records.removed(name);
            report.add(Status.DELETED, "mark", name, "its record in " + records.where());
        }
        return report;
    }

    /** Every ACL naming the user: the user goes, and an ACL left behind would serve a later user of that name. */
    private void removeAcls(String user, ProvisionReport report) {
        String principal = "User:" + user;
        AclBindingFilter filter = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY));
        Collection<AclBinding> deleted = calls.await(admin.deleteAcls(List.of(filter)).all(), "delete ACLs of "
                + user, CLUSTER_ALTER);
        if (deleted.isEmpty()) {
            report.add(Status.ABSENT, "acl", principal, "no ACLs");
        }
        deleted.forEach(binding -> report.add(Status.DELETED, "acl", describe(binding), ""));
    }

    private void removeCredential(String user, ProvisionReport report) {
        try {
            calls.await(admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user, MECHANISM)))
                    .all(), "delete the SCRAM credential of " + user, CLUSTER_ALTER, ResourceNotFoundException.class);
            report.add(Status.DELETED, "user", user, MECHANISM.mechanismName() + " credential");
        } catch (ResourceNotFoundException e) {
            report.add(Status.ABSENT, "user", user, "no " + MECHANISM.mechanismName() + " credential");
        }
    }

    private void deleteTopic(String topic, ProvisionReport report) {
        try {
            calls.await(admin.deleteTopics(List.of(topic)).all(), "delete topic " + topic, "DELETE on TOPIC " + topic,
                    UnknownTopicOrPartitionException.class);
            report.add(Status.DELETED, "topic", topic, "");
        } catch (UnknownTopicOrPartitionException e) {
            report.add(Status.ABSENT, "topic", topic, "");
        }
    }

    private String userOf(long cid, String user) {
        if (user == null) {
            return naming.user(cid);
        }
        if (user.isBlank() || user.contains(",") || user.contains("=")) {
            throw new IllegalArgumentException("'" + user + "' is not a usable SCRAM user name (empty, or with ',' "
                    + "or '=', which SCRAM escapes and Kafka's tools do not)");
        }
        return user;
    }

    /** The ACLs a tenant's user gets: READ and DESCRIBE on its topic, READ on its group prefix. */
    public List<AclBinding> bindings(long cid, String user) {
        String principal = "User:" + user;
        ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC, naming.topic(cid), PatternType.LITERAL);
        ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, naming.groupPrefix(cid), PatternType.PREFIXED);
        return List.of(
                new AclBinding(topic, new AccessControlEntry(principal, "*", AclOperation.READ, AclPermissionType.ALLOW)),
                new AclBinding(topic, new AccessControlEntry(principal, "*", AclOperation.DESCRIBE,
                        AclPermissionType.ALLOW)),
                new AclBinding(groups, new AccessControlEntry(principal, "*", AclOperation.READ,
                        AclPermissionType.ALLOW)));
    }

    private Set<AclBinding> aclsOf(String user) {
        AclBindingFilter filter = new AclBindingFilter(ResourcePatternFilter.ANY,
                new AccessControlEntryFilter("User:" + user, null, AclOperation.ANY, AclPermissionType.ANY));
        return new LinkedHashSet<>(calls.await(admin.describeAcls(filter).values(), "describe the ACLs of " + user,
                CLUSTER_DESCRIBE));
    }

    private void addTopic(String topic, TenantRequest request, ProvisionReport report) {
        TopicDescription description = describeTopic(topic);
        if (description == null) {
            NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(request.partitions()),
                    Optional.ofNullable(request.replicationFactor()));
            if (request.retentionMs() != null) {
                newTopic.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, request.retentionMs().toString()));
            }
            try {
                calls.await(admin.createTopics(List.of(newTopic)).all(), "create topic " + topic,
                        "CREATE on the CLUSTER or on TOPIC " + topic, TopicExistsException.class);
                report.add(Status.CREATED, "topic", topic, topicDetail(request.partitions(), request.retentionMs()));
                return;
            } catch (TopicExistsException e) {
                description = describeTopic(topic); // created meanwhile: compare as if it had been there
            }
        }
        checkTopic(topic, description, request, report);
    }

    private void checkTopic(String topic, TopicDescription description, TenantRequest request,
            ProvisionReport report) {
        List<String> differences = new ArrayList<>();
        int partitions = description == null ? 0 : description.partitions().size();
        if (request.partitions() != null && request.partitions() != partitions) {
            differences.add("has " + partitions + " partitions, " + request.partitions() + " asked");
        }
        String retention = null;
        if (request.retentionMs() != null) {
            retention = retentionOf(topic);
            if (!request.retentionMs().toString().equals(retention)) {
                differences.add("has retention.ms=" + retention + ", " + request.retentionMs() + " asked");
            }
        }
        if (differences.isEmpty()) {
            report.add(Status.PRESENT, "topic", topic, partitions + " partitions"
                    + (retention == null ? "" : ", retention.ms=" + retention));
        } else {
            report.add(Status.DIFFERS, "topic", topic, String.join("; ", differences) + "; not changed");
        }
    }

    private TopicDescription describeTopic(String topic) {
        try {
            return calls.await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic,
                    "DESCRIBE on TOPIC " + topic, UnknownTopicOrPartitionException.class).get(topic);
        } catch (UnknownTopicOrPartitionException e) {
            return null;
        }
    }

    private String retentionOf(String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = calls.await(admin.describeConfigs(List.of(resource)).all(), "describe the configs of topic "
                + topic, "DESCRIBE_CONFIGS on TOPIC " + topic).get(resource);
        ConfigEntry entry = config == null ? null : config.get(TopicConfig.RETENTION_MS_CONFIG);
        return entry == null ? null : entry.value();
    }

    /** The user's SCRAM credentials; null when it has none. */
    private UserScramCredentialsDescription credentialOf(String user) {
        try {
            return calls.await(admin.describeUserScramCredentials(List.of(user)).description(user),
                    "describe the SCRAM credentials of " + user, CLUSTER_DESCRIBE, ResourceNotFoundException.class);
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private void addCredential(String user, TenantRequest request, UserScramCredentialsDescription description,
            ProvisionReport report) {
        boolean exists = hasScram512(description);
        if (exists && !request.resetPassword()) {
            report.add(Status.PRESENT, "user", user, MECHANISM.mechanismName() + " credential kept; a password "
                    + "cannot be read back to compare, reset it explicitly to change it");
            return;
        }
        UserScramCredentialUpsertion upsertion = new UserScramCredentialUpsertion(user,
                new ScramCredentialInfo(MECHANISM, SCRAM_ITERATIONS), request.password());
        calls.await(admin.alterUserScramCredentials(List.of(upsertion)).all(), "set the SCRAM credential of " + user,
                CLUSTER_ALTER);
        report.add(exists ? Status.UPDATED : Status.CREATED, "user", user, MECHANISM.mechanismName() + ", "
                + SCRAM_ITERATIONS + " iterations" + (exists ? ", password reset" : ""));
    }

    private static boolean hasScram512(UserScramCredentialsDescription description) {
        return description != null && description.credentialInfos().stream()
                .anyMatch(info -> info.mechanism() == MECHANISM);
    }

    private Map<String, Integer> partitions(Set<Long> cids, Set<String> existing) {
        List<String> topics = cids.stream().map(naming::topic).filter(existing::contains).toList();
        Map<String, Integer> counts = new HashMap<>();
        if (!topics.isEmpty()) {
            calls.await(admin.describeTopics(topics).allTopicNames(), "describe the tenant topics",
                    "DESCRIBE on the tenant topics").forEach((name, d) -> counts.put(name, d.partitions().size()));
        }
        return counts;
    }

    /** The tenant a topic or group-prefix ACL belongs to; -1 for other resources. */
    private long cidOf(ResourcePattern pattern) {
        if (pattern.resourceType() == ResourceType.TOPIC && pattern.patternType() == PatternType.LITERAL) {
            return naming.cidOfTopic(pattern.name());
        }
        if (pattern.resourceType() == ResourceType.GROUP && pattern.patternType() == PatternType.PREFIXED) {
            return TenantNaming.cidOfGroupPrefix(pattern.name());
        }
        return -1;
    }

    /** E.g. {@code ALLOW User:tenant-1000 READ on TOPIC flows-1000 (literal)}. */
    static String describe(AclBinding binding) {
        AccessControlEntry entry = binding.entry();
        ResourcePattern pattern = binding.pattern();
        String host = "*".equals(entry.host()) ? "" : " from " + entry.host();
        return entry.permissionType() + " " + entry.principal() + host + " " + entry.operation() + " on "
                + pattern.resourceType() + " " + pattern.name() + " (" + pattern.patternType().name().toLowerCase(
                        java.util.Locale.ROOT) + ")";
    }

    private static String topicDetail(Integer partitions, Long retentionMs) {
        // a new topic: what was asked, or the broker's defaults
        String count = partitions == null ? "broker's default partitions" : partitions + " partitions";
        return count + ", " + (retentionMs == null ? "broker's default retention" : "retention.ms=" + retentionMs);
    }
}
