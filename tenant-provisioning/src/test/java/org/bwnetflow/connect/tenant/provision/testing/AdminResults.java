package org.bwnetflow.connect.tenant.provision.testing;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.CreateAclsResult;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.CreateTopicsResult.TopicMetadataAndConfig;
import org.apache.kafka.clients.admin.DeleteAclsResult;
import org.apache.kafka.clients.admin.DeleteTopicsResult;
import org.apache.kafka.clients.admin.DescribeAclsResult;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.DescribeUserScramCredentialsResult;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.clients.admin.Config;

/**
 * Admin result objects for {@link FakeAdmin}, from Kafka's public API only: results with a
 * protected constructor are subclassed; those Kafka keeps package-private (list topics, ACLs,
 * SCRAM descriptions) are Mockito stubs that answer the calls the provisioner makes.
 */
final class AdminResults {

    private AdminResults() {
    }

    /** A future that failed with the error, as a broker's answer would (get() throws ExecutionException). */
    static <T> KafkaFuture<T> failed(RuntimeException error) {
        return KafkaFuture.completedFuture((T) null).thenApply(value -> {
            throw error;
        });
    }

    static ListTopicsResult listTopics(KafkaFuture<Map<String, TopicListing>> listings) {
        ListTopicsResult result = mock(ListTopicsResult.class);
        when(result.namesToListings()).thenReturn(listings);
        when(result.listings()).thenReturn(listings.thenApply(map -> (Collection<TopicListing>) map.values()));
        when(result.names()).thenReturn(listings.thenApply(Map::keySet));
        return result;
    }

    static CreateTopicsResult createTopics(Map<String, KafkaFuture<TopicMetadataAndConfig>> futures) {
        return new CreateTopicsResult(futures) { };
    }

    static DescribeTopicsResult describeTopics(Map<String, KafkaFuture<TopicDescription>> futures) {
        return new DescribeTopicsResult(null, futures) { };
    }

    static DeleteTopicsResult deleteTopics(Map<String, KafkaFuture<Void>> futures) {
        return new DeleteTopicsResult(null, futures) { };
    }

    static DescribeConfigsResult describeConfigs(Map<ConfigResource, KafkaFuture<Config>> futures) {
        return new DescribeConfigsResult(futures) { };
    }

    static DescribeAclsResult describeAcls(KafkaFuture<Collection<AclBinding>> bindings) {
        DescribeAclsResult result = mock(DescribeAclsResult.class);
        when(result.values()).thenReturn(bindings);
        return result;
    }

    static CreateAclsResult createAcls(Map<AclBinding, KafkaFuture<Void>> futures) {
        CreateAclsResult result = mock(CreateAclsResult.class);
        when(result.values()).thenReturn(futures);
        when(result.all()).thenReturn(KafkaFuture.allOf(futures.values().toArray(new KafkaFuture<?>[0])));
        return result;
    }

    /** all(): the bindings the filters deleted, or the failure. */
    static DeleteAclsResult deleteAcls(KafkaFuture<Collection<AclBinding>> deleted) {
        DeleteAclsResult result = mock(DeleteAclsResult.class);
        when(result.all()).thenReturn(deleted);
        return result;
    }

    /**
     * A describe answer as the broker gives it: the asked users (or every user) with their
     * mechanisms; a user without any is unknown, and describing it fails with ResourceNotFoundException.
     */
    static DescribeUserScramCredentialsResult describeScram(KafkaFuture<Map<String, Set<ScramMechanism>>> users) {
        DescribeUserScramCredentialsResult result = mock(DescribeUserScramCredentialsResult.class);
        when(result.all()).thenReturn(users.thenApply(map -> {
            Map<String, UserScramCredentialsDescription> all = new LinkedHashMap<>();
            map.forEach((user, mechanisms) -> all.put(user, description(user, mechanisms)));
            return all;
        }));
        when(result.users()).thenReturn(users.thenApply(map -> List.copyOf(map.keySet())));
        when(result.description(anyString())).thenAnswer(call -> {
            String user = call.getArgument(0);
            return users.thenApply(map -> description(user, map.get(user)));
        });
        return result;
    }

    private static UserScramCredentialsDescription description(String user, Set<ScramMechanism> mechanisms) {
        if (mechanisms == null || mechanisms.isEmpty()) {
            throw new ResourceNotFoundException("Attempt to describe a user credential that does not exist: " + user);
        }
        List<ScramCredentialInfo> infos = new ArrayList<>();
        mechanisms.forEach(mechanism -> infos.add(new ScramCredentialInfo(mechanism, 8192)));
        return new UserScramCredentialsDescription(user, infos);
    }
}
