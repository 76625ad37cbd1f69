package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The repository checkout {@code bin/flowstack} runs from (its launcher passes it as the system property
 * {@value #ROOT_PROPERTY}): where the built plugin bundle, flowctl and dashboard jars, the shipped connector configs
 * and QuestDB's tables are. Without it (tests that run the commands in-process) only what the options name is used.
 */
record Checkout(Path root) {

    static final String ROOT_PROPERTY = "flowstack.root";
    /** The variable the shipped connector configs name their files by (Connect's env config provider). */
    static final String ROOT_ENV = "FLOWSTACK_ROOT";

    Checkout {
        root = root.toAbsolutePath().normalize();
    }

    /** The checkout of the launcher, if this JVM was started by bin/flowstack. */
    static Optional<Checkout> ofLauncher() {
        String root = System.getProperty(ROOT_PROPERTY);
        return root == null || root.isBlank() ? Optional.empty() : Optional.of(new Checkout(Path.of(root)));
    }

    /** The unpacked plugin bundle(s): plugin-bundle/target/bwnetflow-connect-*-plugin. */
    List<Path> pluginDirs() {
        return list(root.resolve("plugin-bundle/target"), "bwnetflow-connect-", "-plugin", true);
    }

    /** The shipped connectors: connect-configs/connectors/*.json, then connectors/influx/*.json. */
    List<Path> connectorFiles() {
        List<Path> files = new ArrayList<>(list(root.resolve("connect-configs/connectors"), "", ".json", false));
        files.addAll(list(root.resolve("connect-configs/connectors/influx"), "", ".json", false));
        return files;
    }

    /** The Influx sink's tables with deduplication, run when QuestDB starts. */
    Path questDbTables() {
        return root.resolve("connect-configs/questdb/tables.sql");
    }

    Path flowctlJar() {
        return root.resolve("flowctl/target/flowctl-all.jar");
    }

    Path dashboardJar() {
        return root.resolve("dashboard/target/dashboard-all.jar");
    }

    private static List<Path> list(Path dir, String prefix, String suffix, boolean directories) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(prefix)
                            && p.getFileName().toString().endsWith(suffix) && Files.isDirectory(p) == directories)
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }
}
