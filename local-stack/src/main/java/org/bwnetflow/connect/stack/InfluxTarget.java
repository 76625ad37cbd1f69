package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the shipped Influx sink writes (connect-configs/connectors/influx/influx-sink.json names it through
 * Connect's env provider): the stack's own QuestDB, or an InfluxDB 2 of the operator's ({@code up --influx-url}).
 * The worker gets these as environment variables; the token from a file, never on a command line.
 *
 * @param tokenFile null when there is none (QuestDB's own login is given separately)
 */
record InfluxTarget(String url, String org, Path tokenFile) {

    static final String URL_ENV = "FLOWSTACK_INFLUX_URL";
    static final String ORG_ENV = "FLOWSTACK_INFLUX_ORG";
    static final String TOKEN_ENV = "FLOWSTACK_INFLUX_TOKEN";
    static final String DEFAULT_ORG = "bwnetflow";

    /** The stack's QuestDB (its InfluxDB v2 write API), unless the environment names another URL. */
    static InfluxTarget questDb(StackState state, Map<String, String> env) {
        return new InfluxTarget(env.getOrDefault(URL_ENV, state.questDbUrl()), env.getOrDefault(ORG_ENV, DEFAULT_ORG),
                null);
    }

    /** The variables the sink's config reads, a token from its file. */
    Map<String, String> environment(Map<String, String> env) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(URL_ENV, url);
        vars.put(ORG_ENV, org);
        vars.put(TOKEN_ENV, tokenFile == null ? env.getOrDefault(TOKEN_ENV, "") : token());
        return vars;
    }

    private String token() {
        try {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).replace("\r", "").replace("\n", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read --influx-token-file " + tokenFile, e);
        }
    }
}
