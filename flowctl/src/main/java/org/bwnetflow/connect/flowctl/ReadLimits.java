package org.bwnetflow.connect.flowctl;

import java.time.Duration;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * When a command that reads a topic stops: after {@code --max} flows or {@code --timeout}
 * seconds, whichever comes first; without either it reads until interrupted (a picocli mixin).
 */
public final class ReadLimits {

    @Option(names = {"-n", "--max"}, defaultValue = "0", paramLabel = "N",
            description = "Stop after N flows (default: 0, no limit)")
    long max;

    @Option(names = "--timeout", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop after this many seconds (default: 0, no limit)")
    long timeoutSeconds;

    /** The longest a command waits for a topic's metadata before it says the broker did not answer. */
    public static final Duration METADATA_WAIT = Duration.ofSeconds(30);

    private long deadlineMillis = Long.MAX_VALUE;

    /** Starts the --timeout clock; call when reading begins. A negative limit is a usage error. */
    public void start(CommandSpec spec) {
        if (max < 0 || timeoutSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--max and --timeout must be 0 (no limit) or more");
        }
        deadlineMillis = timeoutSeconds > 0 ? System.currentTimeMillis() + timeoutSeconds * 1000 : Long.MAX_VALUE;
    }

    /** Whether to read on after {@code count} flows: --max not reached and --timeout not passed. */
    public boolean goOn(long count) {
        return !reached(count) && System.currentTimeMillis() < deadlineMillis;
    }

    /** Whether {@code count} flows are the --max. */
    public boolean reached(long count) {
        return max > 0 && count >= max;
    }

    /**
     * How long to wait for the broker before reading (e.g. for a topic's metadata): until --timeout, but at most
     * {@code cap} and at least a second. Call after {@link #start}.
     */
    public Duration waitAtMost(Duration cap) {
        long left = deadlineMillis - System.currentTimeMillis();
        return Duration.ofMillis(Math.max(1_000, Math.min(cap.toMillis(), left)));
    }

    public long deadlineMillis() {
        return deadlineMillis;
    }
}
