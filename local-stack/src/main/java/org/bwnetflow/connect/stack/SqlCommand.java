package org.bwnetflow.connect.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowstack sql QUERY}: runs SQL on the stack's QuestDB and prints the rows as a table, logged
 * in with the stack's {@link QuestDbLogin} (read from the home's secrets, never from the command line).
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run SQL on the stack's QuestDB (e.g. the Influx sink's tables) and print the result.")
final class SqlCommand implements Callable<Integer> {

    @Mixin
    HomeOption home;

    @Parameters(paramLabel = "QUERY", description = "e.g. \"SELECT cid, sum(bytes) FROM flows GROUP BY cid\"")
    String query;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        StackState state = StackState.read(home.layout().stateFile())
                .filter(s -> s.questDbPort() > 0)
                .orElseThrow(() -> new StackException("no QuestDB in the stack at " + home.layout().home()
                        + " (start it with flowstack up)"));
        QuestDbLogin login = QuestDbLogin.read(home.layout().secretsDir());
        PrintWriter out = spec.commandLine().getOut();
        lines(state.questDbUrl(), login, query).forEach(out::println);
        out.flush();
        return 0;
    }

    /** The answer to {@code query} as tab-separated lines, the column names first. */
    static List<String> lines(String questDbUrl, QuestDbLogin login, String query) throws IOException {
        JsonNode answer = new ObjectMapper().readTree(QuestDbServer.exec(questDbUrl, login, query));
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        answer.path("columns").forEach(column -> header.add(column.path("name").asText()));
        lines.add(String.join("\t", header));
        for (JsonNode row : answer.path("dataset")) {
            List<String> cells = new ArrayList<>();
            row.forEach(cell -> cells.add(cell.isNull() ? "" : cell.asText()));
            lines.add(String.join("\t", cells));
        }
        return lines;
    }
}
