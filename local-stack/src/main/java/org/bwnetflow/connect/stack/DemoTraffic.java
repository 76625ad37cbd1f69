package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The demo of {@code up --demo}: {@code flowctl generate} as a detached process (three simulated routers,
 * 127.0.0.10-12, 200 flows/s to the shipped NetFlow source, until {@code down}), its pid in
 * {@code pids/demo-generator.pid}; then the first flows, read back with {@code flowctl tail} from the per-customer
 * topics.
 */
final class DemoTraffic {

    static final String FLOWCTL_MAIN_CLASS = "org.bwnetflow.connect.flowctl.FlowCtl";
    /** listen.port of connect-configs/connectors/netflow-source.json. */
    static final int NETFLOW_PORT = 2055;

    private static final String HEAP = "128m";
    private static final long TAIL_TIMEOUT_SECONDS = 120;

    private DemoTraffic() {
    }

    /** The running generator of this home, if any. */
    static Optional<ProcessHandle> running(StackLayout layout) {
        return StackProcess.findRunning(layout.demoPidFile());
    }

    /** Starts the generator unless it runs; returns its pid. */
    static long start(StackLayout layout, Path flowctlJar) {
        Optional<ProcessHandle> running = running(layout);
        if (running.isPresent()) {
            return running.get().pid();
        }
        List<String> args = List.of("generate", "--target", BrokerSettings.HOST + ":" + NETFLOW_PORT, "--rate", "200",
                "--count", "0", "--exporters", "3", "--seed", "1");
        return StackProcess.start(ToolJvm.of("demo-generator", flowctlJar, FLOWCTL_MAIN_CLASS, HEAP, args),
                layout.demoLog(), layout.demoPidFile(), true).pid();
    }

    /**
     * Prints the first 20 flows of the per-customer topics with {@code flowctl tail} (a child that ends by itself:
     * --max and --timeout), logged in as the operator on a secure stack.
     */
    static void showFirstFlows(StackState state, StackLayout layout, Path flowctlJar, PrintWriter out) {
        List<String> args = new ArrayList<>(List.of("tail", "flows-.*", "--pattern", "--from-beginning", "-b",
                state.bootstrapServers(), "--consumer-property", "max.partition.fetch.bytes=512", "--max", "20",
                "--timeout", "90"));
        if (state.secure()) {
            args.addAll(List.of("--command-config", operatorConfig(layout).toString()));
        }
        ProcessBuilder builder = ToolJvm.of("demo-tail", flowctlJar, FLOWCTL_MAIN_CLASS, HEAP, args).processBuilder()
                .redirectErrorStream(true);
        try {
            Process tail = builder.start();
            tail.getOutputStream().close();
            try (InputStream in = tail.getInputStream()) {
                out.print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                out.flush();
            }
            if (!tail.waitFor(TAIL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                tail.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run flowctl tail", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The operator's client config of a secure stack. */
    static Path operatorConfig(StackLayout layout) {
        return layout.secretsDir().resolve(StackSecurity.CLIENT_CONFIG_FILE);
    }
}
