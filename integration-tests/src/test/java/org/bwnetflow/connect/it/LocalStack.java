package org.bwnetflow.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.stack.ConnectRestClient;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.KafkaBroker;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real Kafka broker and one real Connect worker for all integration tests in this JVM.
 * The worker loads our plugins from the unpacked plugin zips ({@code plugin.path}) with
 * {@code plugin.discovery=service_load}: exactly what an operator deploys.
 */
public final class LocalStack implements BeforeAllCallback {

    private static Stack stack;

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (LocalStack.class) {
            if (stack == null) {
                stack = new Stack();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(LocalStack.class.getName(), stack);
            }
        }
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

    /** Closed by JUnit when the whole run ends (the root store closes AutoCloseable values). */
    private static final class Stack implements AutoCloseable {
        final KafkaBroker broker;
        final ConnectWorker worker;

        Stack() {
            Path work = Paths.get(System.getProperty("bwnetflow.work.dir", "target/it-stack"))
                    .resolve(Long.toString(System.currentTimeMillis()));
            try {
                Files.createDirectories(work);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Integer> ports = FreePorts.tcp(3);
            broker = KafkaBroker.start(work.resolve("kafka"), ports.get(0), ports.get(1));
            try {
                worker = ConnectWorker.start(work.resolve("connect"), broker.bootstrapServers(), ports.get(2),
                        List.of(pluginsDir()), Map.of());
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                worker.close();
            } finally {
                broker.close();
            }
        }
    }

    static Duration timeout() {
        return Duration.ofSeconds(90);
    }
}
