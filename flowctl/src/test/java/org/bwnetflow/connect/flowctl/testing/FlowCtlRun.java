package org.bwnetflow.connect.flowctl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.flowctl.FlowCtl;
import picocli.CommandLine;

/** Runs a flowctl command in-process and keeps its exit code, stdout and stderr. */
public final class FlowCtlRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    public final int exitCode;
    public final String out;
    public final String err;

    private FlowCtlRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    public static FlowCtlRun run(String... args) {
        return run(FlowCtl.commandLine(), args);
    }

    /** Runs {@code args} on a command line a test prepared (e.g. with a mock consumer in a command's login). */
    public static FlowCtlRun run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new FlowCtlRun(exit, out.toString(), err.toString());
    }

    /** Stdout as JSON Lines. */
    public List<JsonNode> jsonLines() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException("not JSON: " + line, e);
                }
            }
        }
        return lines;
    }

    /** The last stdout line as JSON (generate's totals). */
    public JsonNode lastJson() {
        List<JsonNode> lines = jsonLines();
        return lines.get(lines.size() - 1);
    }
}
