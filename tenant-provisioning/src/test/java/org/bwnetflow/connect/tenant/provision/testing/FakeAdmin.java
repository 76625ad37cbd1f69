package org.bwnetflow.connect.tenant.provision.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterClientQuotasResult;
import org.apache.kafka.clients.admin.DescribeClientQuotasResult;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.quota.ClientQuotaAlteration;
import org.apache.kafka.common.quota.ClientQuotaEntity;
import org.apache.kafka.common.quota.ClientQuotaFilter;
import org.apache.kafka.common.quota.ClientQuotaFilterComponent;

/**
 * A small in-memory Admin (topics, ACLs, SCRAM credentials, user quotas) for the provisioner's tests, built as
 * a dynamic proxy that answers the calls the provisioner makes and fails on any other (results from
 * {@link AdminResults}). Kafka's MockAdminClient implements neither SCRAM credentials nor ACL deletion.
 */
public final class FakeAdmin implements InvocationHandler {

    /** A broker-side failure every call (or ACL/SCRAM calls) answers with. */
    public Supplier<RuntimeException> failAll;
    public Supplier<RuntimeException> failAcls;
    public Supplier<RuntimeException> failScram;
    public Supplier<RuntimeException> failDeleteTopics;
    /** Fails only setting or deleting SCRAM credentials (describing them works). */
    public Supplier<RuntimeException> failScramChanges;

    public final Map<String, Integer> topics = new TreeMap<>();
    public final Map<String, String> retention = new HashMap<>();
    public final Set<AclBinding> acls = new LinkedHashSet<>();
    public final Map<String, Set<ScramMechanism>> scram = new TreeMap<>();
    /** SCRAM passwords as set, to check resets (a real broker keeps only salted hashes). */
    public final Map<String, String> passwords = new HashMap<>();
    /** Client quotas of user entities: user → key → value. */
    public final Map<String, Map<String, Double>> quotas = new TreeMap<>();
    public final List<String> calls = new ArrayList<>();
    public int defaultPartitions = 1;

    public Admin admin() {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, this);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        String name = method.getName();
        switch (name) {
            case "close":
                return null;
            case "toString":
                return "FakeAdmin";
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            default:
                break;
        }
        calls.add(name);
        return answer(name, args);
    }

    @SuppressWarnings("unchecked")
    private Object answer(String name, Object[] args) {
        Object first = args == null || args.length == 0 ? null : args[0];
        switch (name) {
            case "listTopics":
                return AdminResults.listTopics(future(this::listings));
            case "describeTopics":
                return describeTopics((Collection<String>) first);
            case "createTopics":
                return createTopics((Collection<NewTopic>) first);
            case "deleteTopics":
                return deleteTopics((Collection<String>) first);
            case "describeConfigs":
                return describeConfigs((Collection<ConfigResource>) first);
            case "describeAcls":
                return AdminResults.describeAcls(aclFuture(() -> (Collection<AclBinding>) matching((AclBindingFilter) first)));
            case "createAcls":
                return createAcls((Collection<AclBinding>) first);
            case "deleteAcls":
                return deleteAcls((Collection<AclBindingFilter>) first);
            case "describeUserScramCredentials":
                return AdminResults.describeScram(scramFuture(() -> describeScram((List<String>) first)));
            case "alterUserScramCredentials":
                return alterScram((List<UserScramCredentialAlteration>) first);
            case "describeClientQuotas":
                return new DescribeClientQuotasResult(future(() -> describeQuotas((ClientQuotaFilter) first)));
            case "alterClientQuotas":
                return alterQuotas((Collection<ClientQuotaAlteration>) first);
            default:
                throw new UnsupportedOperationException("FakeAdmin does not answer " + name);
        }
    }

    private <T> KafkaFuture<T> future(Supplier<T> value) {
        if (failAll != null) {
            return AdminResults.failed(failAll.get());
        }
        try {
            return KafkaFuture.completedFuture(value.get());
        } catch (RuntimeException e) {
            return AdminResults.failed(e);
        }
    }

    private <T> KafkaFuture<T> aclFuture(Supplier<T> value) {
        return failAcls != null && failAll == null ? AdminResults.failed(failAcls.get()) : future(value);
    }

    private <T> KafkaFuture<T> scramFuture(Supplier<T> value) {
        return failScram != null && failAll == null ? AdminResults.failed(failScram.get()) : future(value);
    }

    private Map<String, TopicListing> listings() {
        Map<String, TopicListing> listings = new TreeMap<>();
        topics.keySet().forEach(t -> listings.put(t, new TopicListing(t, Uuid.randomUuid(), false)));
        return listings;
    }

    private Object describeTopics(Collection<String> names) {
        Map<String, KafkaFuture<TopicDescription>> futures = new LinkedHashMap<>();
        for (String topic : names) {
            futures.put(topic, future(() -> {
                Integer count = topics.get(topic);
                if (count == null) {
                    throw new UnknownTopicOrPartitionException("This server does not host this topic-partition.");
                }
                List<TopicPartitionInfo> partitions = new ArrayList<>();
                Node node = new Node(1, "127.0.0.1", 9092);
                for (int p = 0; p < count; p++) {
                    partitions.add(new TopicPartitionInfo(p, node, List.of(node), List.of(node)));
                }
                return new TopicDescription(topic, false, partitions);
            }));
        }
        return AdminResults.describeTopics(futures);
    }

    private Object createTopics(Collection<NewTopic> newTopics) {
        Map<String, KafkaFuture<org.apache.kafka.clients.admin.CreateTopicsResult.TopicMetadataAndConfig>> futures =
                new LinkedHashMap<>();
        for (NewTopic topic : newTopics) {
            futures.put(topic.name(), future(() -> {
                if (topics.containsKey(topic.name())) {
                    throw new TopicExistsException("Topic '" + topic.name() + "' already exists.");
                }
                topics.put(topic.name(), topic.numPartitions() > 0 ? topic.numPartitions() : defaultPartitions);
                if (topic.configs() != null && topic.configs().containsKey("retention.ms")) {
                    retention.put(topic.name(), topic.configs().get("retention.ms"));
                }
                return null;
            }));
        }
        return AdminResults.createTopics(futures);
    }

    private Object deleteTopics(Collection<String> names) {
        Map<String, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        for (String topic : names) {
            futures.put(topic, failDeleteTopics != null ? AdminResults.failed(failDeleteTopics.get()) : future(() -> {
                if (topics.remove(topic) == null) {
                    throw new UnknownTopicOrPartitionException("This server does not host this topic-partition.");
                }
                retention.remove(topic);
                return null;
            }));
        }
        return AdminResults.deleteTopics(futures);
    }

    private Object describeConfigs(Collection<ConfigResource> resources) {
        Map<ConfigResource, KafkaFuture<Config>> futures = new LinkedHashMap<>();
        for (ConfigResource resource : resources) {
            futures.put(resource, future(() -> new Config(List.of(new ConfigEntry("retention.ms",
                    retention.getOrDefault(resource.name(), "604800000"))))));
        }
        return AdminResults.describeConfigs(futures);
    }

    private List<AclBinding> matching(AclBindingFilter filter) {
        return acls.stream().filter(filter::matches).toList();
    }

    private Object createAcls(Collection<AclBinding> bindings) {
        Map<AclBinding, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        for (AclBinding binding : bindings) {
            futures.put(binding, aclFuture(() -> {
                acls.add(binding);
                return null;
            }));
        }
        return AdminResults.createAcls(futures);
    }

    private Object deleteAcls(Collection<AclBindingFilter> filters) {
        return AdminResults.deleteAcls(aclFuture(() -> {
            Collection<AclBinding> deleted = new ArrayList<>();
            for (AclBindingFilter filter : filters) {
                List<AclBinding> matched = matching(filter);
                acls.removeAll(matched);
                deleted.addAll(matched);
            }
            return deleted;
        }));
    }

    /** The asked users (every user when none is asked) with their mechanisms; none for an unknown user. */
    private Map<String, Set<ScramMechanism>> describeScram(List<String> users) {
        Map<String, Set<ScramMechanism>> results = new LinkedHashMap<>();
        for (String user : users == null || users.isEmpty() ? scram.keySet() : users) {
            results.put(user, scram.getOrDefault(user, Set.of()));
        }
        return results;
    }

    /** Answers the two filters the provisioner uses: one user entity, or every user entity (strict). */
    private Map<ClientQuotaEntity, Map<String, Double>> describeQuotas(ClientQuotaFilter filter) {
        ClientQuotaFilterComponent component = filter.components().iterator().next();
        if (!filter.strict() || filter.components().size() != 1 || !component.entityType().equals(ClientQuotaEntity.USER)) {
            throw new UnsupportedOperationException("FakeAdmin answers strict user filters only: " + filter);
        }
        Map<ClientQuotaEntity, Map<String, Double>> found = new LinkedHashMap<>();
        quotas.forEach((user, values) -> {
            // Kafka's match(): null for any entity of the type, empty for the default entity
            if (!values.isEmpty() && (component.match() == null || component.match().map(user::equals).orElse(false))) {
                found.put(new ClientQuotaEntity(Map.of(ClientQuotaEntity.USER, user)), Map.copyOf(values));
            }
        });
        return found;
    }

    private Object alterQuotas(Collection<ClientQuotaAlteration> alterations) {
        Map<ClientQuotaEntity, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        for (ClientQuotaAlteration alteration : alterations) {
            futures.put(alteration.entity(), future(() -> {
                String user = alteration.entity().entries().get(ClientQuotaEntity.USER);
                Map<String, Double> values = quotas.computeIfAbsent(user, u -> new TreeMap<>());
                for (ClientQuotaAlteration.Op op : alteration.ops()) {
                    if (op.value() == null) {
                        values.remove(op.key());
                    } else {
                        values.put(op.key(), op.value());
                    }
                }
                if (values.isEmpty()) {
                    quotas.remove(user);
                }
                return null;
            }));
        }
        return new AlterClientQuotasResult(futures);
    }

    private Object alterScram(List<UserScramCredentialAlteration> alterations) {
        Map<String, KafkaFuture<Void>> futures = new LinkedHashMap<>();
        for (UserScramCredentialAlteration alteration : alterations) {
            futures.put(alteration.user(), failScramChanges != null ? AdminResults.failed(failScramChanges.get())
                    : scramFuture(() -> {
                String user = alteration.user();
                if (alteration instanceof UserScramCredentialUpsertion upsertion) {
                    scram.computeIfAbsent(user, u -> EnumSet.noneOf(ScramMechanism.class))
                            .add(upsertion.credentialInfo().mechanism());
                    passwords.put(user, new String(upsertion.password(), java.nio.charset.StandardCharsets.UTF_8));
                    return null;
                }
                ScramMechanism mechanism = ((UserScramCredentialDeletion) alteration).mechanism();
                Set<ScramMechanism> mechanisms = scram.get(user);
                if (mechanisms == null || !mechanisms.remove(mechanism)) {
                    throw new ResourceNotFoundException("Attempt to delete a user credential that does not exist");
                }
                if (mechanisms.isEmpty()) {
                    scram.remove(user);
                }
                return null;
            }));
        }
        return new org.apache.kafka.clients.admin.AlterUserScramCredentialsResult(futures);
    }
}
