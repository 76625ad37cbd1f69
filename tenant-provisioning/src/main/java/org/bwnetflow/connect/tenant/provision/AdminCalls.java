package org.bwnetflow.connect.tenant.provision;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Waits for an Admin call and turns its failure into a {@link TenantAdminException} an operator can
 * act on: no authorizer, which right the admin user lacks, an unreachable cluster (naming the
 * bootstrap address). Expected outcomes (a topic that does not exist, ...) are for the caller:
 * {@link #await} rethrows them unwrapped when asked to.
 */
final class AdminCalls {

    static final String NO_AUTHORIZER = "the broker has no authorizer configured (authorizer.class.name); "
            + "tenant isolation needs one";

    private final String bootstrap;
    private final Duration timeout;

    AdminCalls(String bootstrap, Duration timeout) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    /**
     * The call's result (an Admin call's KafkaFuture, or a producer's send).
     *
     * @param action what the call does, e.g. "create topic flows-1000"
     * @param right the ACL the admin user needs for it, e.g. "CREATE on the CLUSTER or on TOPIC flows-1000"
     * @param expected failures returned to the caller as they are (unwrapped from ExecutionException)
     */
    @SafeVarargs
    final <T> T await(Future<T> future, String action, String right,
            Class<? extends RuntimeException>... expected) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            for (Class<? extends RuntimeException> type : expected) {
                if (type.isInstance(cause)) {
                    throw type.cast(cause);
                }
            }
            throw translate(cause, action, right);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TenantAdminException("interrupted while trying to " + action, e);
        }
    }

    /** The failure behind ExecutionException and CompletionException wrappers (futures chained with thenApply add them). */
    static Throwable unwrap(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** A failure of an Admin call as an operator's message. */
    TenantAdminException translate(Throwable cause, String action, String right) {
        if (cause instanceof SecurityDisabledException) {
            return new TenantAdminException(NO_AUTHORIZER + " (while trying to " + action + ")", cause);
        }
        if (cause instanceof ClusterAuthorizationException || cause instanceof TopicAuthorizationException) {
            return new TenantAdminException("the admin user is not allowed to " + action + ": it needs " + right
                    + " (" + cause.getClass().getSimpleName() + ")", cause);
        }
        if (cause instanceof TimeoutException) {
            return unreachable(action, cause);
        }
        if (cause instanceof SslAuthenticationException) {
            return new TenantAdminException("TLS handshake with " + bootstrap + " failed: " + innermost(cause).getMessage()
                    + " (check ssl.truststore.* of --command-config: the broker's certificate must be signed by a CA in "
                    + "it and name the host of --bootstrap-server)", cause);
        }
        if (cause instanceof AuthenticationException) {
            return new TenantAdminException("authentication at " + bootstrap + " failed: " + cause.getMessage()
                    + " (check the SASL settings of --command-config)", cause);
        }
        if (cause instanceof UnsupportedVersionException) {
            return new TenantAdminException("the broker at " + bootstrap + " cannot " + action + ": "
                    + cause.getMessage(), cause);
        }
        return new TenantAdminException("cannot " + action + ": " + cause.getClass().getSimpleName() + ": "
                + cause.getMessage(), cause);
    }

    /** The TLS library's own reason (an unknown CA, a name the certificate does not hold) is the innermost cause. */
    private static Throwable innermost(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private TenantAdminException unreachable(String action, Throwable cause) {
        return new TenantAdminException("no answer from the Kafka cluster at " + bootstrap + " within "
                + timeout.toSeconds() + " s while trying to " + action + ": is the broker reachable there, and does "
                + "security.protocol match its listener?", cause);
    }
}
