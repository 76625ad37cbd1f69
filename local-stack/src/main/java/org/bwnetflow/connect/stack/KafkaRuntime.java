package org.bwnetflow.connect.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Java launcher and the classpath of the Kafka broker and Connect worker JVMs.
 *
 * <p>The server jars are deliberately not on this module's consumers' classpath (they are
 * optional Maven dependencies). Instead the build writes their resolved absolute paths to
 * the classpath resource {@value #CLASSPATH_RESOURCE}, next to this class, and the spawned
 * JVMs run with exactly that classpath.
 */
public final class KafkaRuntime {

    /** Resource name relative to this class, written by maven-dependency-plugin:build-classpath. */
    public static final String CLASSPATH_RESOURCE = "kafka-runtime.classpath";

    /** JVM options every server JVM gets, whatever its role. */
    private static final List<String> COMMON_JVM_OPTIONS = List.of(
            "-Djava.awt.headless=true",
            // A half-dead broker or worker is worse than a dead one: tests see the exit.
            "-XX:+ExitOnOutOfMemoryError");

    private final String javaExecutable;
    private final List<Path> jars;
    /** The common options and those of {@link #withJvmOptions}, e.g. a Java agent. */
    private final List<String> jvmOptions;

    public KafkaRuntime(String javaExecutable, List<Path> jars) {
        this(javaExecutable, jars, COMMON_JVM_OPTIONS);
    }

    private KafkaRuntime(String javaExecutable, List<Path> jars, List<String> jvmOptions) {
        this.javaExecutable = Objects.requireNonNull(javaExecutable, "javaExecutable");
        this.jars = List.copyOf(jars);
        this.jvmOptions = List.copyOf(jvmOptions);
        if (this.jars.isEmpty()) {
            throw new IllegalArgumentException("the Kafka runtime classpath is empty");
        }
    }

    /** This runtime whose JVMs also get {@code options} (e.g. {@link PrometheusAgent#jvmOption}). */
    public KafkaRuntime withJvmOptions(List<String> options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(options);
        return new KafkaRuntime(javaExecutable, jars, all);
    }

    /**
     * Loads the classpath written at build time and checks that every jar still exists
     * (a cleaned local Maven repository would otherwise surface as a ClassNotFoundException
     * deep inside a server log).
     */
    public static KafkaRuntime load() {
        return load(CLASSPATH_RESOURCE);
    }

    /** A runtime from another classpath resource written at build time (e.g. QuestDB's). */
    public static KafkaRuntime load(String resource) {
        String text;
        try (InputStream in = KafkaRuntime.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StackException("Classpath resource " + resource + " is missing next to "
                        + KafkaRuntime.class.getName() + "; build the module with Maven "
                        + "(mvn -pl local-stack -am install), which generates it");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        List<Path> jars = parseClasspath(text);
        List<Path> missing = jars.stream().filter(jar -> !Files.exists(jar)).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new StackException(missing.size() + " jar(s) of the Kafka runtime classpath are missing, e.g. "
                    + missing.get(0) + "; rebuild local-stack (mvn -pl local-stack -am install) to re-resolve them");
        }
        return new KafkaRuntime(currentJava(), jars);
    }

    static List<Path> parseClasspath(String text) {
        return Arrays.stream(text.strip().split(File.pathSeparator))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .collect(Collectors.toList());
    }

    /** The launcher of the running JVM, so the servers run on the same Java as the caller. */
    static String currentJava() {
        Path fromHome = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (Files.isExecutable(fromHome)) {
            return fromHome.toString();
        }
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new StackException("Cannot determine the java executable (java.home="
                        + System.getProperty("java.home") + ")"));
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    public String javaExecutable() {
        return javaExecutable;
    }

    public List<Path> jars() {
        return jars;
    }

    public String classpath() {
        return jars.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * A JVM on this runtime that can also run this module's own main classes (e.g.
     * {@link ScramFormat}): the runtime classpath plus where this class was loaded from.
     */
    public JvmSpec jvmWithStackClasses(String role, String mainClass, List<String> args) {
        String own;
        try {
            own = Path.of(KafkaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            throw new StackException("Cannot tell where " + KafkaRuntime.class.getName() + " was loaded from: " + e);
        }
        return new JvmSpec(role, javaExecutable, classpath() + File.pathSeparator + own, mainClass, args,
                JvmSpec.DEFAULT_MAX_HEAP, jvmOptions);
    }

    /** A JVM on this runtime with the default heap and the common server JVM options (and any added). */
    public JvmSpec jvm(String role, String mainClass, List<String> args) {
        return new JvmSpec(role, javaExecutable, classpath(), mainClass, args, JvmSpec.DEFAULT_MAX_HEAP,
                jvmOptions);
    }
}
