package org.bwnetflow.connect.stack;

import java.io.PrintWriter;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.stack.watch.PipelineSnapshot;
import org.bwnetflow.connect.stack.watch.StatusLine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowstack watch}: a status line every few seconds, as vmstat prints them, read from
 * the running workers' metrics (attached locally by pid, no JMX port).
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Print a status line every few seconds: flows/s received, losses before the source, records "
                + "per tenant topic, points written by the Influx sink.")
final class WatchCommand implements Callable<Integer> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    @Mixin
    HomeOption home;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between lines (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this long; 0 runs until interrupted (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (intervalSeconds < 1 || durationSeconds < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--interval must be >= 1 and --duration >= 0");
        }
        StackLayout layout = home.layout();
        PrintWriter out = spec.commandLine().getOut();
        List<Long> pids = workerPids(layout);
        if (pids.isEmpty()) {
            out.println("flowstack watch: no Connect worker runs in " + layout.home() + " (flowstack up starts one)");
            out.flush();
            return FlowStack.NOT_RUNNING;
        }
        long end = durationSeconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
        PipelineSnapshot before = PipelineSnapshot.read(pids);
        while (System.nanoTime() < end) {
            TimeUnit.SECONDS.sleep(intervalSeconds);
            PipelineSnapshot now = PipelineSnapshot.read(workerPids(layout));
            out.println(LocalTime.now().format(TIME) + "  " + StatusLine.format(before, now));
            out.flush();
            before = now;
        }
        return 0;
    }

    private static List<Long> workerPids(StackLayout layout) {
        int workers = StackState.read(layout.stateFile()).map(StackState::workers).orElse(1);
        List<Long> pids = new ArrayList<>();
        for (int n = 1; n <= workers; n++) {
            StackProcess.findRunning(layout.workerPidFile(n)).ifPresent(p -> pids.add(p.pid()));
        }
        return pids;
    }
}
