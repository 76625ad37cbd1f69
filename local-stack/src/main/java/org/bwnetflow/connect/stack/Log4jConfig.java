package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the log4j2 configuration the server JVMs run with (shipped as a resource, because
 * the server classpath does not contain this module's jar). It logs to stdout, which
 * {@link StackProcess} appends to the process's log file.
 */
final class Log4jConfig {

    static final String RESOURCE = "log4j2-server.properties";

    private Log4jConfig() {
    }

    /** Writes the config to {@code target} (replacing an older copy) and returns the JVM option using it. */
    static String writeTo(Path target) {
        try (InputStream in = Log4jConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new StackException("Resource " + RESOURCE + " missing next to " + Log4jConfig.class.getName());
            }
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
        return "-Dlog4j2.configurationFile=" + target.toAbsolutePath();
    }
}
