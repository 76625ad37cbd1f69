package org.bwnetflow.connect.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Confluent Hub component archive that plugin-bundle builds (copied by Maven into
 * {@code bwnetflow.hub.archive.dir}): its entries, its one top-level directory, its manifest, and an
 * installation as {@code confluent-hub install --component-dir DIR} does it (below DIR, in a directory
 * named OWNER-NAME, without the version).
 */
final class HubArchive {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final List<String> entries;

    private HubArchive(Path file, List<String> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** The one zip Maven copied for this run. */
    static HubArchive located() {
        String dir = System.getProperty("bwnetflow.hub.archive.dir");
        if (dir == null || !Files.isDirectory(Paths.get(dir))) {
            throw new IllegalStateException("Confluent Hub archive not copied to " + dir + ": run through Maven (mvn verify)");
        }
        try (Stream<Path> files = Files.list(Paths.get(dir))) {
            List<Path> zips = files.filter(p -> p.toString().endsWith(".zip")).toList();
            if (zips.size() != 1) {
                throw new IllegalStateException("expected one archive in " + dir + ", found " + zips);
            }
            return open(zips.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HubArchive open(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return new HubArchive(file, Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    Path file() {
        return file;
    }

    /** Every entry name, directories with their trailing slash. */
    List<String> entries() {
        return entries;
    }

    /** The first path segment of every entry (Confluent's format has exactly one). */
    TreeSet<String> topLevelNames() {
        TreeSet<String> names = new TreeSet<>();
        for (String entry : entries) {
            int slash = entry.indexOf('/');
            names.add(slash < 0 ? entry : entry.substring(0, slash));
        }
        return names;
    }

    /** The top-level directory; fails unless there is exactly one. */
    String root() {
        TreeSet<String> names = topLevelNames();
        if (names.size() != 1 || !entries.contains(names.first() + "/")) {
            throw new IllegalStateException(file + " must hold one directory, holds " + names);
        }
        return names.first();
    }

    JsonNode manifest() {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(root() + "/manifest.json");
            if (entry == null) {
                throw new IllegalStateException(file + " has no " + root() + "/manifest.json");
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + file, e);
        }
    }

    /**
     * Extracts the archive's directory to {@code componentDir/OWNER-NAME}, as the Confluent Hub client
     * does; {@code componentDir} is then the plugin.path entry. Returns the installed directory.
     */
    Path installInto(Path componentDir) {
        JsonNode manifest = manifest();
        Path target = componentDir.resolve(manifest.path("owner").path("username").asText() + "-"
                + manifest.path("name").asText()).toAbsolutePath().normalize();
        String prefix = root() + "/";
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Files.createDirectories(target);
            for (ZipEntry entry : Collections.list(zip.entries())) {
                Path out = target.resolve(entry.getName().substring(prefix.length())).normalize();
                if (!out.startsWith(target)) {
                    throw new IllegalStateException("entry outside the component directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install " + file + " into " + componentDir, e);
        }
        return target;
    }

    /** Entry names below {@code ROOT/dir/}, relative to it, files only. */
    List<String> filesUnder(String dir) {
        String prefix = root() + "/" + dir + "/";
        List<String> files = new ArrayList<>();
        for (String entry : entries) {
            if (entry.startsWith(prefix) && !entry.endsWith("/")) {
                files.add(entry.substring(prefix.length()));
            }
        }
        return files;
    }
}
