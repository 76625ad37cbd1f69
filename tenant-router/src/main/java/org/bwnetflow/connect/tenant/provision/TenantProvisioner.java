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
 * ({@code flows-<cid>}), a SCRAM-SHA-512 user ({@code tenant-<cid>} unless named otherwise) and
 * three ACLs that let that user read its own topic and use consumer groups named {@code <cid>-...}.
 *
 * <p>{@link #add} is idempotent: what exists is left alone and reported as present. A topic that
 * exists with another partition count or retention than asked is reported as differing and not
 * changed (growing partitions reshuffles keys, shrinking retention deletes data: both deserve a
 * deliberate {@code kafka-topics}/{@code kafka-configs} call). A SCRAM password cannot be read
 * back, so an existing SCRAM-SHA-512 credential is kept unless the request asks to reset it.
 * The ACL check comes first, so a broker without an authorizer is reported before anything is created.
 */
public final class TenantProvisioner {

    /** SCRAM iterations of a new credential (Kafka's minimum for SCRAM-SHA-512 is 4096). */
    public static final int SCRAM_ITERATIONS = 8192;
    public static final ScramMechanism MECHANISM = ScramMechanism.SCRAM_SHA_512;

    private static final String CLUSTER_DESCRIBE = "DESCRIBE on the CLUSTER resource";
    private static final String CLUSTER_ALTER = "ALTER on the CLUSTER resource";

    private final Admin admin;
    private final TenantNaming naming;
    private final AdminCalls calls;

    /**
     * @param bootstrap the cluster's address, for error messages
     * @param timeout how long to wait for each Admin call
     */
    public TenantProvisioner(Admin admin, TenantNaming naming, String bootstrap, Duration timeout) {
        this.admin = admin;
        this.naming = naming;
        this.calls = new AdminCalls(bootstrap, timeout);
    }

    public TenantNaming naming() {
        return naming;
    }

    /** Creates what is missing of the tenant; see the class comment for what is left alone. */
    public ProvisionReport add(TenantRequest request) {
        String user = userOf(request.cid(), request.user());
        String topic = naming.topic(request.cid());
        ProvisionReport report = new ProvisionReport();
        Set<AclBinding> existing = aclsOf(user);
        addTopic(topic, request, report);
        addCredential(user, request, report);
        List<AclBinding> wanted = bindings(request.cid(), user);
        List<AclBinding> missing = new ArrayList<>();
        for (AclBinding binding : wanted) {
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
        return report;
    }

    /** The tenants found: topics named prefix + customer id, and ACLs on such topics or group prefixes. */
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
        Map<String, Integer> partitions = partitions(aclLines.keySet(), names);
        Map<String, UserScramCredentialsDescription> credentials = calls.await(
                admin.describeUserScramCredentials().all(), "describe SCRAM credentials", CLUSTER_DESCRIBE);
        List<TenantInfo> tenants = new ArrayList<>();
        aclLines.forEach((cid, lines) -> {
            Map<String, Boolean> users = new TreeMap<>();
            for (String principal : principals.getOrDefault(cid, Set.of())) {
                String user = principal.startsWith("User:") ? principal.substring(5) : principal;
                users.put(user, hasScram512(credentials.get(user)));
            }
            String topic = naming.topic(cid);
            tenants.add(new TenantInfo(cid, topic, partitions.getOrDefault(topic, 0), users, List.copyOf(lines)));
        });
        return tenants;
    }

    /**
     * Removes the tenant's ACLs and SCRAM-SHA-512 credential, and its topic (with all its flows)
     * only when {@code deleteTopic}.
     *
     * @param user the SCRAM user; null for the naming's default
     */
    public ProvisionReport remove(long cid, String user, boolean deleteTopic) {
        String name = userOf(cid, user);
        String topic = naming.topic(cid);
        ProvisionReport report = new ProvisionReport();
        String principal = "User:" + name;
        List<AclBindingFilter> filters = List.of(
                new AclBindingFilter(new ResourcePatternFilter(ResourceType.TOPIC, topic, PatternType.LITERAL),
                        new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY)),
                new AclBindingFilter(new ResourcePatternFilter(ResourceType.GROUP, naming.groupPrefix(cid),
                        PatternType.PREFIXED),
                        new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY)));
        Collection<AclBinding> deleted = calls.await(admin.deleteAcls(filters).all(), "delete ACLs of " + name,
                CLUSTER_ALTER);
        if (deleted.isEmpty()) {
            report.add(Status.ABSENT, "acl", principal + " on " + topic + " and groups " + naming.groupPrefix(cid) + "*",
                    "");
        }
        deleted.forEach(binding -> report.add(Status.DELETED, "acl", describe(binding), ""));
        try {
            calls.await(admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(name, MECHANISM)))
                    .all(), "delete the SCRAM credential of " + name, CLUSTER_ALTER, ResourceNotFoundException.class);
            report.add(Status.DELETED, "user", name, MECHANISM.mechanismName() + " credential");
        } catch (ResourceNotFoundException e) {
            report.add(Status.ABSENT, "user", name, "no " + MECHANISM.mechanismName() + " credential");
        }
        if (!deleteTopic) {
            report.add(Status.KEPT, "topic", topic, "its flows stay; delete the topic explicitly to remove them");
            return report;
        }
        try {
            calls.await(admin.deleteTopics(List.of(topic)).all(), "delete topic " + topic, "DELETE on TOPIC " + topic,
                    UnknownTopicOrPartitionException.class);
            report.add(Status.DELETED, "topic", topic, "");
        } catch (UnknownTopicOrPartitionException e) {
            report.add(Status.ABSENT, "topic", topic, "");
        }
        return report;
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

    private void addCredential(String user, TenantRequest request, ProvisionReport report) {
        UserScramCredentialsDescription description;
        try {
            description = calls.await(admin.describeUserScramCredentials(List.of(user)).description(user),
                    "describe the SCRAM credentials of " + user, CLUSTER_DESCRIBE, ResourceNotFoundException.class);
        } catch (ResourceNotFoundException e) {
            description = null;
        }
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
