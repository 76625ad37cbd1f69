package org.bwnetflow.connect.stack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The RIB topics of the BMP source connectors {@code up} submits, made compacted before the connectors start. The
 * connector asks Connect to create its topic compacted when it writes its first route, but the Routes transforms of
 * the NetFlow and sFlow sources read it before that: without routers yet it would not exist, and each source task would
 * wait routes.load.timeout.ms for it at start. Created here, it exists (empty) from the start; one the stack's broker
 * created earlier with its defaults (auto.create.topics.enable) is made compacted.
 */
final class RibTopics {

    static final String BMP_SOURCE_CLASS = "org.bwnetflow.connect.bmp.source.BmpSourceConnector";
    static final String DEFAULT_TOPIC = "bgp-rib";
    private static final long TIMEOUT_SECONDS = 30;

    private RibTopics() {
    }

    /** The {@code topic} of every BMP source among the connectors. */
    static Set<String> of(Collection<ConnectorDefinition> connectors) {
        Set<String> topics = new TreeSet<>();
        for (ConnectorDefinition connector : connectors) {
            if (BMP_SOURCE_CLASS.equals(connector.config().get("connector.class"))) {
                topics.add(connector.config().getOrDefault("topic", DEFAULT_TOPIC));
            }
        }
        return topics;
    }

    /** Creates the topics compacted (1 partition, replication 1: the stack has one broker), or makes them compacted. */
    static List<String> ensureCompacted(String bootstrapServers, StackSecurity security, Set<String> topics) {
        List<String> done = new ArrayList<>();
        if (topics.isEmpty()) {
            return done;
        }
        Map<String, Object> config = new HashMap<>(security == null ? Map.of() : security.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "flowstack-rib-topics");
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(
                            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
                            .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    done.add(topic + " created (compacted)");
                    continue;
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
                String policy = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
                if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                    admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                            new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                            AlterConfigOp.OpType.SET)))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    done.add(topic + " made compacted (was cleanup.policy=" + policy + ")");
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new StackException("cannot create the RIB topic(s) " + topics + " compacted: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while creating the RIB topic(s) " + topics, e);
        }
        return done;
    }
}
