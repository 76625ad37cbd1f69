package org.bwnetflow.connect.stack;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to run in a spawned JVM: main class, arguments, heap and extra JVM options. Immutable;
 * the {@code with…} methods return copies. {@link #processBuilder()} prepares the process.
 *
 * @param role           short name used in logs and pid files, e.g. {@code broker}
 * @param javaExecutable absolute path of the {@code java} launcher
 * @param classpath      classpath string, already joined with the platform separator
 * @param mainClass      fully qualified main class
 * @param args           program arguments
 * @param maxHeap        value for {@code -Xmx}, e.g. {@code 768m}
 * @param jvmOptions     further JVM options, placed before {@code -cp}
 */
public record JvmSpec(String role, String javaExecutable, String classpath, String mainClass,
                      List<String> args, String maxHeap, List<String> jvmOptions) {

    /** Enough for a single-node broker or worker under test load, small enough for CI boxes. */
    public static final String DEFAULT_MAX_HEAP = "768m";

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    public JvmSpec {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(javaExecutable, "javaExecutable");
        Objects.requireNonNull(classpath, "classpath");
        Objects.requireNonNull(mainClass, "mainClass");
        Objects.requireNonNull(maxHeap, "maxHeap");
        if (!ROLE.matcher(role).matches()) {
            throw new IllegalArgumentException("role must match " + ROLE + ": " + role);
        }
        if (!HEAP.matcher(maxHeap).matches()) {
            throw new IllegalArgumentException("maxHeap must look like 768m or 1g: " + maxHeap);
        }
        args = List.copyOf(args);
        jvmOptions = List.copyOf(jvmOptions);
    }

    public JvmSpec withMaxHeap(String heap) {
        return new JvmSpec(role, javaExecutable, classpath, mainClass, args, heap, jvmOptions);
    }

    /** Returns a copy with {@code options} appended to the existing JVM options. */
    public JvmSpec withJvmOptions(List<String> options) {
        List<String> all = new ArrayList<>(jvmOptions);
        all.addAll(options);
        return new JvmSpec(role, javaExecutable, classpath, mainClass, args, maxHeap, all);
    }

    /** Returns a copy with {@code entry} at the end of the classpath. */
    public JvmSpec withClasspathEntry(Path entry) {
        String all = classpath.isEmpty() ? entry.toString() : classpath + File.pathSeparator + entry;
        return new JvmSpec(role, javaExecutable, all, mainClass, args, maxHeap, jvmOptions);
    }

    /** Returns a copy with {@code option} before all existing JVM options. */
    public JvmSpec withFirstJvmOption(String option) {
        List<String> all = new ArrayList<>();
        all.add(option);
        all.addAll(jvmOptions);
        return new JvmSpec(role, javaExecutable, classpath, mainClass, args, maxHeap, all);
    }

    /**
     * The command {@code java -Xmx… <jvmOptions> <mainClass> <args>}, to be run with
     * {@link #classpath()} in the {@code CLASSPATH} environment variable. Keeping the ~8 KB
     * classpath off the command line keeps {@code ps} readable and lets
     * {@link ProcessHandle.Info#arguments()} work (the JDK reads only 4 KB of
     * {@code /proc/<pid>/cmdline} and reports no arguments beyond that).
     */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable);
        command.add("-Xmx" + maxHeap);
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** A process builder for {@link #command()} with the classpath in its environment. */
    public ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().put("CLASSPATH", classpath);
        return builder;
    }
}
