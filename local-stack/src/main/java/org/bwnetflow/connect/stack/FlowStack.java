package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code flowstack}: starts, inspects and stops the local stack (a single-node Kafka broker
 * and a Kafka Connect worker, each in its own JVM, all on 127.0.0.1).
 */
@Command(name = "flowstack", mixinStandardHelpOptions = true, versionProvider = FlowStack.Version.class,
        description = "Start, inspect and stop the local bwNetFlow stack: a single-node Kafka broker (KRaft) "
                + "and a Kafka Connect worker in distributed mode, bound to 127.0.0.1.",
        subcommands = {UpCommand.class, StatusCommand.class, WatchCommand.class, DownCommand.class, SqlCommand.class,
            LogsCommand.class})
public final class FlowStack implements Callable<Integer> {

    /** Exit code of {@code status} when something is not running (as LSB init scripts use it). */
    public static final int NOT_RUNNING = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code --version}: this module's version and the Kafka version it runs, filtered in at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties props = new Properties();
            try (InputStream in = FlowStack.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    props.load(in);
                }
            }
            return new String[] {"flowstack " + props.getProperty("version", "unknown")
                    + " (Kafka " + props.getProperty("kafka.version", "unknown") + ")"};
        }
    }

    /** The configured command line; tests call {@code execute} on it and read its out/err. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new FlowStack());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("flowstack: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
