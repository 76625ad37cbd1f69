package org.bwnetflow.connect.flowctl;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * A login to Kafka that failed (the TLS handshake or SASL) as one line with its reason, instead of a stack trace:
 * what a customer needs to fix it (the truststore, the host name, the password) is in the innermost cause. Any
 * other failure goes on to picocli's default handling.
 */
final class KafkaLoginFailure implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) throws Exception {
        AuthenticationException failure = authenticationFailure(e);
        if (failure == null) {
            throw e;
        }
        cli.getErr().println("flowctl " + cli.getCommandName() + ": " + message(failure));
        cli.getErr().flush();
        return 1;
    }

    static String message(AuthenticationException failure) {
        if (failure instanceof SslAuthenticationException) {
            return "TLS handshake with the broker failed: " + innermost(failure).getMessage() + " (the broker's "
                    + "certificate must be signed by a CA of --truststore, or of ssl.truststore.* in --command-config, "
                    + "and name the host of --bootstrap)";
        }
        return "login to the broker failed: " + failure.getMessage();
    }

    private static AuthenticationException authenticationFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException auth) {
                return auth;
            }
        }
        return null;
    }

    private static Throwable innermost(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
