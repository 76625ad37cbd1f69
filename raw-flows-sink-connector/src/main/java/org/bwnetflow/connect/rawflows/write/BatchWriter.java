package org.bwnetflow.connect.rawflows.write;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.connect.errors.ConnectException;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.bwnetflow.connect.model.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches to QuestDB on a thread of its own, one at a time and in order, while the task
 * encodes the next: a batch is retried (backoff, while QuestDB is down or busy) until QuestDB took
 * it, so that "written" for a batch means every batch before it is written too. Before the first
 * write the table is made ready (created, retention and dedup keys applied).
 *
 * <p>A line QuestDB refuses (400 naming it) is cut out, counted and logged, and the rest written
 * again: one bad row never stops the sink, nor, repeated by every replay, holds it back for good.
 * A refused login and any other refusal end the batch with a {@link ConnectException}, which the
 * task rethrows.
 */
public final class BatchWriter implements AutoCloseable {

    /** Lines cut out of one batch before the sink concludes that QuestDB refuses the table, not the lines. */
    static final int MAX_REFUSED_LINES_PER_BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

    /** The writer's counters, shared with the task's metrics. */
    public record Counters(LongAdder rows, LongAdder batches, LongAdder retries, LongAdder refusedLines) {
        public Counters() {
            this(new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder());
        }
    }

    /** How long to wait between attempts, and how many. */
    public record Retries(Duration initial, Duration max, int maxAttempts) {
    }

    private final QuestDbHttp http;
    private final List<String> tableStatements;
    private final Retries retries;
    private final Counters counters;
    private final ExecutorService thread;
    private final RateLimitedLog retryLog = new RateLimitedLog(10_000);
    private final RateLimitedLog refusedLog = new RateLimitedLog(10_000);
    private volatile boolean tableReady;
    private Future<Batch> inFlight;

    /** @param tableStatements run once before the first write (idempotent DDL); empty when the operator owns the table */
    public BatchWriter(QuestDbHttp http, List<String> tableStatements, Retries retries, Counters counters, String name) {
        this.http = http;
        this.tableStatements = List.copyOf(tableStatements);
        this.retries = retries;
        this.counters = counters;
        this.tableReady = tableStatements.isEmpty();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * One attempt to make the table ready, at the task's start: a wrong login or a statement QuestDB refuses fails the
     * start with its reason; QuestDB not answering is left to the writes' retries.
     */
    public void prepareTable() {
        try {
            runTableStatements();
        } catch (WriteFailure failure) {
            if (failure.kind() != WriteFailure.Kind.RETRIABLE) {
                throw new ConnectException(failure.getMessage());
            }
            log.warn("QuestDB at {} is not ready ({}); the table is created before the first write, retried until "
                    + "it answers", http.url(), failure.getMessage());
        }
    }

    private void runTableStatements() throws WriteFailure {
        if (tableReady) {
            return;
        }
        for (String statement : tableStatements) {
            http.exec(statement);
        }
        tableReady = true;
        log.info("QuestDB table ready at {}: {}", http.url(), tableStatements);
    }

    public boolean isIdle() {
        return inFlight == null || inFlight.isDone();
    }

    /** Starts writing {@code batch}; the writer must be {@link #isIdle() idle} and its last batch taken. */
    public void submit(Batch batch) {
        if (inFlight != null) {
            throw new IllegalStateException("a batch is still in flight");
        }
        inFlight = thread.submit(() -> {
            writeUntilTaken(batch);
            return batch;
        });
    }

    /**
     * The batch in flight once written, waiting up to {@code timeoutMillis}; null when there is none or it is not
     * written yet. Throws what ended it otherwise.
     */
    public Batch takeWritten(long timeoutMillis) {
        if (inFlight == null) {
            return null;
        }
        try {
            if (timeoutMillis <= 0 && !inFlight.isDone()) {
                return null;
            }
            Batch written = inFlight.get(Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
            inFlight = null;
            return written;
        } catch (TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while waiting for QuestDB", e);
        } catch (ExecutionException e) {
            inFlight = null;
            Throwable cause = e.getCause();
            throw cause instanceof ConnectException connect ? connect : new ConnectException(cause.getMessage(), cause);
        }
    }

    private void writeUntilTaken(Batch batch) {
        Backoff backoff = new Backoff(retries.initial(), retries.max(), retries.maxAttempts());
        int refused = 0;
        while (true) {
            try {
                runTableStatements();
                if (batch.lines().lines() > 0) {
                    http.write(batch.lines());
                }
                counters.rows().add(batch.lines().lines());
                counters.batches().increment();
                return;
            } catch (WriteFailure failure) {
                switch (failure.kind()) {
                    case RETRIABLE -> waitBeforeRetry(backoff, failure);
                    case REFUSED_LINE -> {
                        if (++refused > MAX_REFUSED_LINES_PER_BATCH || failure.line() >= batch.lines().lines()) {
                            throw new ConnectException(failure.getMessage() + " (" + refused + " lines of one batch "
                                    + "refused: does the table have the columns and types of the raw flows table?)");
                        }
                        cutOut(batch, failure);
                    }
                    default -> throw new ConnectException(failure.getMessage());
                }
            }
        }
    }

    private void cutOut(Batch batch, WriteFailure failure) {
        String where = batch.removeLine(failure.line());
        counters.refusedLines().increment();
        if (refusedLog.shouldLog()) {
            log.warn("QuestDB refused the row of record {}; it is skipped, the batch's other rows written ({} more "
                    + "since the last message): {}", where, refusedLog.takeSuppressed(), failure.getMessage());
        }
    }

    private void waitBeforeRetry(Backoff backoff, WriteFailure failure) {
        if (backoff.exhausted()) {
            throw new ConnectException("Writing to QuestDB failed " + backoff.attempts() + " times in a row; giving up "
                    + "(retry.max.attempts). Last error: " + failure.getMessage());
        }
        long delay = backoff.next();
        counters.retries().increment();
        if (retryLog.shouldLog()) {
            log.warn("Write to QuestDB failed, retry {} in {} ms; nothing is committed meanwhile ({} more since the "
                    + "last message): {}", backoff.attempts(), delay, retryLog.takeSuppressed(), failure.getMessage());
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("stopped while waiting to retry a write to QuestDB", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
