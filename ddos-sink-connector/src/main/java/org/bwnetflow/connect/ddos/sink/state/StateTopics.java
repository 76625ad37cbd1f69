package org.bwnetflow.connect.ddos.sink.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Creates the task's topics when they are missing: the state topic compacted (it is a table), the attacks and
 * audit topics with the broker's retention. Existing topics are left as they are, but a state topic the task cannot
 * rely on is refused: more than one partition (an open attack's record must be durable before the ledger's record of
 * its route, which one partition and one producer guarantee) or not compacted (retention would delete baselines, open
 * attacks and the ledger of announced routes).
 */
public final class StateTopics {

    private StateTopics() {
    }

    /** Creates those of the topics that do not exist, one partition each. */
    public static void ensure(Admin admin, String stateTopic, List<String> eventTopics, short replicationFactor,
                              long timeoutMs) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Optional<Short> replication = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
            if (!existing.contains(stateTopic)) {
                missing.add(new NewTopic(stateTopic, Optional.of(1), replication)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            for (String topic : eventTopics) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, Optional.of(1), replication));
                }
            }
            if (!missing.isEmpty()) {
                createAll(admin, missing, timeoutMs);
            }
            checkState(admin, stateTopic, timeoutMs);
        } catch (ExecutionException e) {
            throw new ConnectException("cannot read the DDoS sink's state topic " + stateTopic + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new ConnectException("the brokers did not answer within " + timeoutMs + " ms when the DDoS sink looked "
                    + "for its topics");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while creating the DDoS sink's topics");
        }
    }

    private static void createAll(Admin admin, List<NewTopic> missing, long timeoutMs)
            throws InterruptedException, TimeoutException {
        try {
            admin.createTopics(missing).all().get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) { // another task created it meanwhile
                throw new ConnectException("cannot create the DDoS sink's topics: " + e.getCause().getMessage());
            }
        }
    }

    private static void checkState(Admin admin, String stateTopic, long timeoutMs)
            throws ExecutionException, InterruptedException, TimeoutException {
        int partitions = admin.describeTopics(List.of(stateTopic)).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS)
                .get(stateTopic).partitions().size();
        if (partitions != 1) {
            throw new ConnectException("the state topic " + stateTopic + " has " + partitions + " partitions; the DDoS sink "
                    + "needs exactly one (an attack's state must be durable before its route's ledger record). Give "
                    + "state.topic a new name and the sink creates it");
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, stateTopic);
        String policy = admin.describeConfigs(List.of(resource)).all().get(timeoutMs, TimeUnit.MILLISECONDS).get(resource)
                .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        if (!policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new ConnectException("the state topic " + stateTopic + " has cleanup.policy=" + policy + "; the DDoS sink "
                    + "needs compact (retention would delete baselines, open attacks and the ledger of announced routes)");
        }
    }
}
