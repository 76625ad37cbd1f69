package org.bwnetflow.connect.it;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A file lock held from before a test class's {@code @BeforeAll} to after its {@code @AfterAll}: failsafe's forks are
 * separate JVMs, so only the operating system can keep two classes that use bin/flowstack's fixed ports apart. It
 * drops the lock if a fork dies.
 */
final class DefaultPortsLock implements BeforeAllCallback, AfterAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DefaultPortsLock.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path file = Path.of(System.getProperty("bwnetflow.it.locks.dir", "target/it-locks"))
                .resolve("flowstack-default-ports.lock").toAbsolutePath();
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        context.getStore(NAMESPACE).put(FileChannel.class, channel);
        long waiting = System.nanoTime();
        channel.lock();
        long waitedSeconds = (System.nanoTime() - waiting) / 1_000_000_000L;
        if (waitedSeconds > 0) {
            System.out.printf("[DefaultPortsLock] %s waited %d s for bin/flowstack's default ports%n",
                    context.getRequiredTestClass().getSimpleName(), waitedSeconds);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        FileChannel channel = context.getStore(NAMESPACE).remove(FileChannel.class, FileChannel.class);
        if (channel != null) {
            channel.close(); // releases the lock
        }
    }
}
