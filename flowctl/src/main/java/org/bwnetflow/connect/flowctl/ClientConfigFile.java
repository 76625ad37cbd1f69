package org.bwnetflow.connect.flowctl;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A Kafka client properties file ({@code --command-config}, as Kafka's own tools take it), e.g.
 * the local stack's {@code secrets/operator.properties}. Errors name the file, never its content.
 */
public final class ClientConfigFile {

    private ClientConfigFile() {
    }

    public static Properties load(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --command-config " + file + ": " + e.getClass().getSimpleName(), e);
        }
        return props;
    }
}
