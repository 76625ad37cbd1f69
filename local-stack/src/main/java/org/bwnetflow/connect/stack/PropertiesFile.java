package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Writes {@code .properties} files in the given key order (readable, diffable), escaped so
 * that {@link Properties#load(InputStream)} — which Kafka uses, ISO-8859-1 — reads back
 * exactly the same strings.
 */
public final class PropertiesFile {

    private PropertiesFile() {
    }

    /** Writes {@code properties} to {@code file} atomically (owner-only permissions), with {@code comment} as a header line. */
    public static void write(Path file, String comment, Map<String, String> properties) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = parent.resolve(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            // Owner-only from the first byte: in secure mode these files hold the operator's password.
            OwnerOnly.createFile(tmp);
            Files.writeString(tmp, format(comment, properties), StandardCharsets.ISO_8859_1);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Reads a properties file the way Kafka does; keys sorted. */
    public static Map<String, String> read(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        Map<String, String> result = new TreeMap<>();
        props.stringPropertyNames().forEach(key -> result.put(key, props.getProperty(key)));
        return result;
    }

    static String format(String comment, Map<String, String> properties) {
        StringBuilder out = new StringBuilder();
        if (comment != null && !comment.isBlank()) {
            // One line, printable ASCII only: ISO-8859-1 cannot encode everything.
            out.append("# ").append(comment.replaceAll("\\R", " ").replaceAll("[^\\x20-\\x7e]", "?")).append('\n');
        }
        properties.forEach((key, value) -> out.append(escape(key, true))
                .append('=')
                .append(escape(value, false))
                .append('\n'));
        return out.toString();
    }

    /**
     * Escapes like {@link Properties#store}: backslash and control characters always, non-ASCII
     * as {@code \\uXXXX}; in keys also the separators and comment characters; in values only a
     * leading blank (so {@code PLAINTEXT://127.0.0.1:9092} stays readable).
     */
    static String escape(String text, boolean key) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
                case '=', ':', '#', '!' -> {
                    if (key) {
                        out.append('\\');
                    }
                    out.append(c);
                }
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
