package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Kafka's {@code BasicAuthSecurityRestExtension} (Maven: org.apache.kafka:connect-basic-auth-extension),
 * which the secure stack's workers load to require a JAAS login for every REST request. The build
 * puts it into a plugin directory of its own and its login module into a classpath directory, both
 * named in the resource {@value #RESOURCE}.
 */
public final class BasicAuthExtension {

    public static final String CLASS_NAME =
            "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";
    /** The login module the extension checks credentials with, and the JAAS entry it reads. */
    public static final String LOGIN_MODULE = "org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule";
    public static final String JAAS_ENTRY = "KafkaConnect";
    static final String RESOURCE = "basic-auth-extension.properties";

    private BasicAuthExtension() {
    }

    /** The {@code plugin.path} entry that holds the extension's plugin directory; it must exist. */
    public static Path pluginsDir() {
        return builtDirectory("plugins.dir");
    }

    /**
     * The worker classpath entry that holds the extension's login module: JAAS loads it through the REST
     * thread's context class loader, which sees the worker's classpath but no plugin directory.
     */
    public static Path loginModuleDir() {
        return builtDirectory("login.module.dir");
    }

    private static Path builtDirectory(String key) {
        Properties props = new Properties();
        try (InputStream in = BasicAuthExtension.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new StackException("resource " + RESOURCE + " is missing: build local-stack with Maven");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + RESOURCE, e);
        }
        Path dir = Path.of(props.getProperty(key, "")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new StackException("Kafka's REST extension is missing in " + dir + ": build local-stack with Maven "
                    + "(mvn package -pl local-stack -am)");
        }
        return dir;
    }
}
