package org.bwnetflow.connect.netflow.export;

import java.io.IOException;
import java.time.Duration;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.bwnetflow.connect.model.retry.Backoff;

/**
 * When the task may send again after a collector refused a datagram: exponential backoff,
 * asked of Connect as the delay before it delivers the batch again, and the end of patience
 * after {@value NetFlowExportSinkConfig#RETRY_MAX_ATTEMPTS} refusals in a row.
 */
final class SendRetries {

    private final Backoff backoff;
    private final SinkTaskContext context;
    private long retryAtMillis;

    /** @param context null when a test runs the task without a worker */
    SendRetries(NetFlowExportSinkConfig config, SinkTaskContext context) {
        this.backoff = new Backoff(Duration.ofMillis(config.retryBackoffInitialMillis()),
                Duration.ofMillis(config.retryBackoffMaxMillis()), config.retryMaxAttempts());
        this.context = context;
    }

    /** False while the backoff of the last refusal runs. */
    boolean mayTry() {
        return System.currentTimeMillis() >= retryAtMillis;
    }

    /**
     * Asks Connect to deliver the batch again when the backoff has run out; throw the result.
     * Connect redelivers after at most its offset commit interval, whatever the delay asked: an
     * early redelivery only meets this again and spends no attempt.
     */
    RetriableException waitForBackoff() {
        long left = retryAtMillis - System.currentTimeMillis();
        askDelay(left);
        return new RetriableException("waiting " + left + " ms before sending to the collectors again");
    }

    /**
     * A collector refused a datagram: the next try is scheduled; throw the result. A
     * RetriableException makes Connect deliver the batch again; after the last retry a
     * ConnectException fails the task.
     */
    ConnectException refused(IOException refusal) {
        if (backoff.exhausted()) {
            return new ConnectException("Sending to the collectors failed " + (backoff.attempts() + 1) + " times in a row; "
                    + "giving up (" + NetFlowExportSinkConfig.RETRY_MAX_ATTEMPTS + "=" + backoff.maxAttempts()
                    + "). Last error: " + refusal.getMessage(), refusal);
        }
        long delay = backoff.next();
        retryAtMillis = System.currentTimeMillis() + delay;
        askDelay(delay);
        return new RetriableException("retry " + backoff.attempts() + " of " + backoff.maxAttempts() + " in " + delay
                + " ms: " + refusal.getMessage(), refusal);
    }

    /** A refusal while committing: schedules the next try without failing anything (the next put does). */
    void refusedAtCommit() {
        if (!backoff.exhausted()) {
            retryAtMillis = System.currentTimeMillis() + backoff.next();
        }
    }

    /** Every collector took what was due: the next refusal starts from the first delay. */
    void succeeded() {
        backoff.reset();
        retryAtMillis = 0;
    }

    private void askDelay(long millis) {
        if (context != null) {
            context.timeout(Math.max(1, millis));
        }
    }
}
