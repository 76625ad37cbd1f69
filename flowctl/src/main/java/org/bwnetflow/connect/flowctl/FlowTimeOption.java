package org.bwnetflow.connect.flowctl;

import org.bwnetflow.connect.model.FlowClock;
import org.bwnetflow.connect.model.FlowTimes;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --flow-time-tolerance}: how far a flow's own time may lie from its record's (a picocli mixin). */
public final class FlowTimeOption {

    @Option(names = "--flow-time-tolerance", defaultValue = FlowClock.DEFAULT_TOLERANCE_MILLIS / 1000 + "s",
            paramLabel = "DURATION", description = "A flow time (TimeFlowEnd) further than this from its record's "
            + "time (when the collector received it) comes from a wrong exporter clock: the record time is used "
            + "instead and the flow counted as corrected; e.g. 60s, 10m, 2h (default: ${DEFAULT-VALUE})")
    String tolerance;

    /** The policy for one run; a duration that is not one is a usage error naming the option. */
    public FlowTimes flowTimes(CommandSpec spec) {
        try {
            return new FlowTimes(DurationText.millis(tolerance));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--flow-time-tolerance: " + e.getMessage());
        }
    }
}
