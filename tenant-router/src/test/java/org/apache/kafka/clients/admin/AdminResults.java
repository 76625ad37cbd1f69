package org.apache.kafka.clients.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData.CredentialInfo;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult;
import org.apache.kafka.common.protocol.Errors;

/**
 * Builds Admin result objects whose constructors are package-private (kafka-clients' test jar
 * with MockAdminClient is not available offline): for the tenant provisioner's fake Admin only.
 */
public final class AdminResults {

    private AdminResults() {
    }

    public static <T> KafkaFuture<T> failed(Throwable error) {
        KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
        future.completeExceptionally(error);
        return future;
    }

    public static ListTopicsResult listTopics(KafkaFuture<Map<String, TopicListing>> future) {
        return new ListTopicsResult(future);
    }

    public static CreateTopicsResult createTopics(Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> f) {
        return new CreateTopicsResult(f);
    }

    public static DescribeTopicsResult describeTopics(Map<String, KafkaFuture<TopicDescription>> futures) {
        return new DescribeTopicsResult(null, futures);
    }

    public static DeleteTopicsResult deleteTopics(Map<String, KafkaFuture<Void>> futures) {
        return new DeleteTopicsResult(null, futures);
    }

    public static DescribeConfigsResult describeConfigs(Map<ConfigResource, KafkaFuture<Config>> futures) {
        return new DescribeConfigsResult(futures);
    }

    public static DescribeAclsResult describeAcls(KafkaFuture<Collection<AclBinding>> future) {
        return new DescribeAclsResult(future);
    }

    public static CreateAclsResult createAcls(Map<AclBinding, KafkaFuture<Void>> futures) {
        return new CreateAclsResult(futures);
    }

    public static DeleteAclsResult deleteAcls(Map<AclBindingFilter, KafkaFuture<DeleteAclsResult.FilterResults>> f) {
        return new DeleteAclsResult(f);
    }

    public static DeleteAclsResult.FilterResults deleted(Collection<AclBinding> bindings) {
        List<DeleteAclsResult.FilterResult> results = new ArrayList<>();
        bindings.forEach(b -> results.add(new DeleteAclsResult.FilterResult(b, null)));
        return new DeleteAclsResult.FilterResults(results);
    }

    /** A describe answer as the broker gives it: found users with their mechanisms, unknown asked ones as errors. */
    public static DescribeUserScramCredentialsResult scramUser(String user, Collection<ScramMechanism> mechanisms) {
        List<CredentialInfo> infos = new ArrayList<>();
        mechanisms.forEach(m -> infos.add(new CredentialInfo().setMechanism(m.type()).setIterations(8192)));
        return new DescribeUserScramCredentialsResult().setUser(user).setCredentialInfos(infos);
    }

    public static DescribeUserScramCredentialsResult unknownScramUser(String user) {
        return new DescribeUserScramCredentialsResult().setUser(user)
                .setErrorCode(Errors.RESOURCE_NOT_FOUND.code()).setErrorMessage("Attempt to describe a user credential "
                        + "that does not exist: " + user);
    }


    public static org.apache.kafka.clients.admin.DescribeUserScramCredentialsResult describeScramResult(
            KafkaFuture<List<DescribeUserScramCredentialsResult>> results) {
        return new org.apache.kafka.clients.admin.DescribeUserScramCredentialsResult(
                results.thenApply(list -> new DescribeUserScramCredentialsResponseData().setResults(list)));
    }
}
