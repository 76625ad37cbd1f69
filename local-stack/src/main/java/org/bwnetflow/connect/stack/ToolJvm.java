package org.bwnetflow.connect.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A JVM of one of the project's own tools (flowctl, the dashboard): its fat jar and main class. */
final class ToolJvm {

    private ToolJvm() {
    }

    /** {@code java -XX:+UseSerialGC -Xmx<heap> -cp <jar> <mainClass> <args>}; the jar must have been built. */
    static JvmSpec of(String role, Path jar, String mainClass, String heap, List<String> args) {
        if (!Files.isRegularFile(jar)) {
            throw new StackException(jar + " is missing: build it first (bin/flowstack builds what is missing)");
        }
        return new JvmSpec(role, KafkaRuntime.currentJava(), jar.toString(), mainClass, args, heap,
                List.of("-XX:+UseSerialGC"));
    }
}
