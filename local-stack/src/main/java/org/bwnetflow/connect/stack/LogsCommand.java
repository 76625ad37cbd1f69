package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowstack logs [NAME] [-f]}: the last lines of the stack's logs, or one log followed as it grows. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "The last lines of each log of the stack (broker, connect, connect-N, questdb, dashboard, "
                + "demo-generator), or of one; -f follows one as it grows.")
final class LogsCommand implements Callable<Integer> {

    private static final int LINES = 30;
    private static final int FOLLOW_LINES = 50;

    @Mixin
    HomeOption home;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "One log, e.g. broker or connect")
    String name;

    @Option(names = "-f", description = "Follow the log (of NAME, else the broker's) until interrupted")
    boolean follow;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        StackLayout layout = home.layout();
        PrintWriter out = spec.commandLine().getOut();
        if (follow) {
            follow(layout.logsDir().resolve((name == null ? "broker" : name) + ".log"), out);
            return 0;
        }
        for (Path log : logs(layout)) {
            if (!Files.isRegularFile(log)) {
                out.println("flowstack: no " + log);
                continue;
            }
            out.println("==> " + log + " <==");
            out.println(LogTail.of(log, LINES));
            out.println();
        }
        out.flush();
        return 0;
    }

    private List<Path> logs(StackLayout layout) throws IOException {
        if (name != null) {
            return List.of(layout.logsDir().resolve(name + ".log"));
        }
        List<Path> logs = new ArrayList<>(List.of(layout.brokerLog(), layout.workerLog(1), layout.questDbLog(),
                layout.dashboardLog(), layout.demoLog()));
        if (Files.isDirectory(layout.logsDir())) {
            try (Stream<Path> files = Files.list(layout.logsDir())) {
                files.filter(f -> f.getFileName().toString().matches("connect-\\d+\\.log")).sorted().forEach(logs::add);
            }
        }
        return logs;
    }

    /** Prints the end of the log, then what is appended, until interrupted (as tail -F: also after a truncation). */
    private static void follow(Path log, PrintWriter out) throws InterruptedException {
        if (Files.isRegularFile(log)) {
            out.println(LogTail.of(log, FOLLOW_LINES));
            out.flush();
        }
        long position = size(log);
        while (!Thread.currentThread().isInterrupted()) {
            long size = size(log);
            if (size < position) {
                position = 0; // truncated or replaced
            }
            if (size > position) {
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    file.seek(position);
                    byte[] bytes = new byte[(int) Math.min(size - position, 1 << 20)];
                    file.readFully(bytes);
                    position += bytes.length;
                    out.print(new String(bytes, StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + log, e);
                }
            }
            Thread.sleep(500);
        }
    }

    private static long size(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
