package org.bwnetflow.connect.flowctl;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A mistake in the login options or a {@code --filter} that is no filter (exit code 2, as picocli's usage errors;
 * the filter's message shows the expression and a caret under the problem), or Kafka refusing a command (exit code
 * 1), as one line with its reason instead of a stack trace: a login that
 * failed (the TLS handshake or SASL; what a customer needs to fix it is in the innermost cause), a topic that does
 * not exist or that the login may not read, a consumer group it may not use. Any other failure goes on to
 * picocli's default handling.
 */
final class KafkaAccessFailure implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) throws Exception {
        if (e instanceof LoginSettingsException || e instanceof FilterSettingsException) {
            cli.getErr().println("flowctl " + cli.getCommandName() + ": " + e.getMessage());
            cli.getErr().flush();
            return cli.getCommandSpec().exitCodeOnInvalidInput();
        }
        String message = message(e);
        if (message == null) {
            throw e;
        }
        cli.getErr().println("flowctl " + cli.getCommandName() + ": " + message);
        cli.getErr().flush();
        return 1;
    }

    /** The one line for a refusal anywhere in the causes, or null for another failure. */
    static String message(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableTopicException unreadable) {
                return unreadable.getMessage();
            }
            if (cause instanceof AuthenticationException auth) {
                return message(auth);
            }
            if (cause instanceof TopicAuthorizationException topics) {
                return "not authorized to read topic(s) " + topics.unauthorizedTopics();
            }
            if (cause instanceof GroupAuthorizationException group) {
                return "not authorized to use consumer group " + group.groupId() + " (a tenant's groups are named "
                        + "<cid>-...)";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    static String message(AuthenticationException failure) {
        if (failure instanceof SslAuthenticationException) {
            return "TLS handshake with the broker failed: " + innermost(failure).getMessage() + " (the broker's "
                    + "certificate must be signed by a CA of --truststore, or of ssl.truststore.* in --command-config, "
                    + "and name the host of --bootstrap)";
        }
        return "login to the broker failed: " + failure.getMessage();
    }

    private static Throwable innermost(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
