package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorDefinitionTest {

    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("c.json"), json);
    }

    @Test
    void readsNameAndConfigAndStringifiesScalars() throws IOException {
        ConnectorDefinition definition = ConnectorDefinition.read(file(
                "{\"name\": \"netflow\", \"config\": {\"connector.class\": \"X\", \"tasks.max\": 2, \"x.enabled\": true}}"));

        assertThat(definition.name()).isEqualTo("netflow");
        assertThat(definition.config()).containsExactly(
                java.util.Map.entry("connector.class", "X"),
                java.util.Map.entry("tasks.max", "2"),
                java.util.Map.entry("x.enabled", "true"));
    }

    @Test
    void rejectsMalformedFilesNamingTheFile() throws IOException {
        assertThatThrownBy(() -> ConnectorDefinition.read(file("{\"config\": {}}")))
                .hasMessageContaining("c.json").hasMessageContaining("\"name\"");
        assertThatThrownBy(() -> ConnectorDefinition.read(file("{\"name\": \"n\"}")))
                .hasMessageContaining("\"config\"");
        assertThatThrownBy(() -> ConnectorDefinition.read(file("{\"name\": \"n\", \"config\": {\"a\": {\"b\": 1}}}")))
                .hasMessageContaining("\"a\"");
        assertThatThrownBy(() -> ConnectorDefinition.read(file("[1]")))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> ConnectorDefinition.read(file("{not json")))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("c.json");
    }

    @Test
    void neitherItsTextNorAParseErrorShowsAConfigValue() throws IOException {
        ConnectorDefinition definition = ConnectorDefinition.read(file(
                "{\"name\": \"sink\", \"config\": {\"influx.token\": \"s3cr3t-token-value\"}}"));
        assertThat(definition.toString()).contains("sink", "influx.token").doesNotContain("s3cr3t-token-value");

        // An unquoted value is a JSON syntax error whose parser message would quote the token.
        assertThatThrownBy(() -> ConnectorDefinition.read(file(
                "{\"name\": \"sink\",\n \"config\": {\"influx.token\": s3cr3tTokenValue}}")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("c.json").hasMessageContaining("line 2")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3tTokenValue"))
                .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain("s3cr3tTokenValue"));
    }
}
