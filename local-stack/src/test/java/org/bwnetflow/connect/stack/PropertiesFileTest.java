package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {

    @TempDir
    Path dir;

    @Test
    void writesInGivenOrderAndKeepsListenerValuesReadable() throws IOException {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("z.first", "1");
        props.put("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093");
        props.put("a.last", "x");
        Path file = dir.resolve("server.properties");

        PropertiesFile.write(file, "header", props);

        assertThat(Files.readAllLines(file, StandardCharsets.ISO_8859_1)).containsExactly(
                "# header",
                "z.first=1",
                "listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
                "a.last=x");
    }

    @Test
    void trickyKeysAndValuesRoundTripThroughJavaUtilProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("key with spaces=and:colon#!", "value");
        props.put("regex", "flows-\\d+\\.*");
        props.put("leading", "  two blanks, then text ");
        props.put("multi", "line1\nline2\r\tend");
        props.put("unicode", "Grüße, 日本, €");
        props.put("empty", "");
        props.put("windows.path", "C:\\kafka\\data");
        Path file = dir.resolve("tricky.properties");

        PropertiesFile.write(file, "multi\nline comment", props);

        assertThat(PropertiesFile.read(file)).isEqualTo(props);
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("w.properties");
        PropertiesFile.write(file, null, Map.of("a", "1"));
        PropertiesFile.write(file, null, Map.of("b", "2"));

        assertThat(PropertiesFile.read(file)).containsExactly(Map.entry("b", "2"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
