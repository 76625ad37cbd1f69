package org.bwnetflow.connect.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The Connect plugins the jars of a {@code lib/} directory name in their {@code META-INF/services}
 * files: what a worker with {@code plugin.discovery=service_load} can find there, each with the
 * type the worker's REST API gives it ({@code GET /connector-plugins}).
 */
final class DeclaredPlugins {

    /** Connect's plugin interfaces, and the type REST reports for an implementation. */
    static final Map<String, String> REST_TYPE_BY_SERVICE = Map.of(
            "org.apache.kafka.connect.source.SourceConnector", "source",
            "org.apache.kafka.connect.sink.SinkConnector", "sink",
            "org.apache.kafka.connect.transforms.Transformation", "transformation",
            "org.apache.kafka.connect.transforms.predicates.Predicate", "predicate",
            "org.apache.kafka.connect.storage.Converter", "converter",
            "org.apache.kafka.connect.storage.HeaderConverter", "header_converter");

    private DeclaredPlugins() {
    }

    /** "type class" for every plugin declared by a jar in {@code libDir}, sorted. */
    static TreeSet<String> in(Path libDir) {
        TreeSet<String> plugins = new TreeSet<>();
        try (Stream<Path> jars = Files.list(libDir)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                plugins.addAll(declaredBy(jar));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + libDir, e);
        }
        return plugins;
    }

    /** The same key as {@link #in} for a plugin the worker lists. */
    static String key(String type, String className) {
        return type + " " + className;
    }

    private static TreeSet<String> declaredBy(Path jar) throws IOException {
        TreeSet<String> plugins = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Map.Entry<String, String> service : REST_TYPE_BY_SERVICE.entrySet()) {
                ZipEntry entry = file.getEntry("META-INF/services/" + service.getKey());
                if (entry == null) {
                    continue;
                }
                try (BufferedReader in = new BufferedReader(new InputStreamReader(file.getInputStream(entry),
                        StandardCharsets.UTF_8))) {
                    in.lines().map(DeclaredPlugins::withoutComment).filter(l -> !l.isEmpty())
                            .forEach(className -> plugins.add(key(service.getValue(), className)));
                }
            }
        }
        return plugins;
    }

    /** ServiceLoader's file format: '#' starts a comment, blanks around a name are ignored. */
    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return (hash < 0 ? line : line.substring(0, hash)).trim();
    }
}
