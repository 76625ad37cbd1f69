package org.bwnetflow.connect.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.bwnetflow.connect.stack.ConnectRestClient;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.KafkaBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker and one real Connect worker for all integration tests in this JVM
 * (stopped when the JVM exits; failsafe runs two such JVMs side by side, each with its own).
 * The worker loads our plugins from the unpacked plugin zips ({@code plugin.path}) with
 * {@code plugin.discovery=service_load}: exactly what an operator deploys.
 */
public final class LocalStack implements BeforeAllCallback {

    private static volatile StartedStack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = StartedStack.shared("plain", false);
    }

    public static KafkaBroker broker() {
        return stack.broker;
    }

    public static ConnectWorker worker() {
        return stack.worker;
    }

    public static ConnectRestClient rest() {
        return stack.worker.rest();
    }

    public static String version() {
        return System.getProperty("bwnetflow.version");
    }

    public static Path pluginsDir() {
        String dir = System.getProperty("bwnetflow.plugins.dir");
        if (dir == null || !Files.isDirectory(Paths.get(dir))) {
            throw new IllegalStateException("plugins not unpacked at " + dir + ": run through Maven (mvn verify)");
        }
        return Paths.get(dir);
    }

    /** Kafka's MirrorSourceConnector as a plugin of its own (see the pom), for the two-hop topology. */
    public static Path mirrorPluginsDir() {
        String dir = System.getProperty("bwnetflow.mirror.plugins.dir");
        if (dir == null || !Files.isDirectory(Paths.get(dir))) {
            throw new IllegalStateException("MirrorSourceConnector not copied to " + dir + ": run through Maven (mvn verify)");
        }
        return Paths.get(dir);
    }

    static Duration timeout() {
        return Duration.ofSeconds(90);
    }
}
