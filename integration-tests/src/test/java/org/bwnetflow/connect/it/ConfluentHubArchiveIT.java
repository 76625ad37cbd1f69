package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Confluent Hub component archive as Confluent's "Component Archive Specification" describes it:
 * one directory OWNER-NAME-VERSION/ with manifest.json, lib/, etc/ and doc/; the manifest's fields
 * filled and true to the archive (version, component types, files it names); lib/ the plugin zip's
 * jar set without what the worker provides; etc/ every connector config as connect-configs ships it.
 * No broker or worker: {@link ConfluentHubWorkerIT} loads the installed archive in a real worker.
 */
class ConfluentHubArchiveIT {

    /** Confluent's manifest types for the REST types a worker reports; predicates have none of their own. */
    private static final Map<String, String> HUB_TYPE_BY_REST_TYPE = Map.of("source", "source", "sink", "sink",
            "transformation", "transform", "converter", "converter", "header_converter", "converter");
    /** Package prefixes of what the worker provides (connect-api, kafka-clients, slf4j): never in lib/. */
    private static final List<String> WORKER_PACKAGES = List.of("org/apache/kafka/", "org/slf4j/");

    private static HubArchive archive;
    private static JsonNode manifest;
    private static Path installed;

    @BeforeAll
    static void install(@TempDir Path componentDir) {
        archive = HubArchive.located();
        manifest = archive.manifest();
        installed = archive.installInto(componentDir);
        System.out.printf("archive %s: %d entries, installed at %s%n", archive.file(), archive.entries().size(), installed);
    }

    @Test
    void theArchiveIsOneDirectoryNamedOwnerNameVersion() {
        String owner = manifest.path("owner").path("username").asText();
        assertThat(archive.topLevelNames()).as("top-level entries").containsExactly(
                owner + "-" + manifest.path("name").asText() + "-" + LocalStack.version());
        assertThat(archive.root()).isNotEmpty();
        assertThat(archive.entries()).contains(archive.root() + "/manifest.json", archive.root() + "/lib/",
                archive.root() + "/etc/", archive.root() + "/doc/");
    }

    @Test
    void theManifestHasEveryFieldConfluentDocuments() throws IOException {
        assertThat(manifest.path("name").asText()).matches("[a-z0-9-]{2,255}");
        assertThat(manifest.path("version").asText()).as("version = the project version").isEqualTo(LocalStack.version());
        assertThat(manifest.path("title").asText()).isNotBlank();
        assertThat(manifest.path("description").asText()).hasSizeGreaterThan(200);
        JsonNode owner = manifest.path("owner");
        assertThat(owner.path("username").asText()).as("owner.username").matches("[a-z0-9_]{2,255}");
        assertThat(owner.path("type").asText()).isIn("user", "organization");
        assertThat(owner.path("name").asText()).isNotBlank();
        assertThat(texts(manifest.path("tags"))).isNotEmpty().allSatisfy(t -> assertThat(t).isNotBlank());
        assertThat(texts(manifest.path("requirements"))).isNotEmpty().anySatisfy(r -> assertThat(r).contains("Kafka Connect"));
        assertThat(manifest.path("features").path("kafka_connect_api").asBoolean()).isTrue();
        assertThat(manifest.path("license")).hasSize(1);
        JsonNode license = manifest.path("license").get(0);
        String licenseFile = Files.readString(ShippedConnector.repositoryRoot().resolve("LICENSE"));
        assertThat(licenseFile).as("the repository's LICENSE").contains("Apache License").contains("Version 2.0");
        assertThat(license.path("name").asText()).isEqualTo("Apache License 2.0");
        assertThat(license.path("url").asText()).isEqualTo("https://www.apache.org/licenses/LICENSE-2.0");
        assertThat(texts(manifest.path("component_types"))).isNotEmpty()
                .allSatisfy(t -> assertThat(t).isIn("source", "sink", "transform", "converter"));
    }

    @Test
    void everyFileTheManifestNamesIsInTheArchive() {
        List<String> named = new ArrayList<>();
        collectArchivePaths(manifest, named);
        assertThat(named).as("files the manifest names").contains(manifest.path("documentation_url").asText());
        for (String path : named) {
            assertThat(installed.resolve(path)).as(path).isRegularFile();
        }
    }

    @Test
    void theComponentTypesAreWhatTheJarsDeclare() {
        TreeSet<String> declared = DeclaredPlugins.in(installed.resolve("lib"));
        Set<String> hubTypes = declared.stream().map(p -> HUB_TYPE_BY_REST_TYPE.get(p.substring(0, p.indexOf(' '))))
                .filter(t -> t != null).collect(Collectors.toCollection(TreeSet::new));
        System.out.println("declared plugins: " + declared);
        assertThat(declared).as("plugins of ours").allSatisfy(p -> assertThat(p).contains(" org.bwnetflow.connect."));
        assertThat(new TreeSet<>(texts(manifest.path("component_types")))).as("component_types vs META-INF/services")
                .isEqualTo(hubTypes);
    }

    @Test
    void libHoldsThePluginZipsJarsAndNoneTheWorkerProvides() throws IOException {
        Path pluginZipLib = LocalStack.pluginsDir().resolve("bwnetflow-connect/lib");
        assertThat(fileNames(installed.resolve("lib"))).as("lib/ vs the plugin zip's lib/")
                .isNotEmpty().isEqualTo(fileNames(pluginZipLib));
        for (String jar : fileNames(installed.resolve("lib"))) {
            assertThat(jar).endsWith(".jar");
            assertThat(classesOfTheWorker(installed.resolve("lib").resolve(jar))).as(jar).isEmpty();
        }
    }

    @Test
    void etcHoldsEveryShippedConnectorConfigUnchanged() throws IOException {
        Path shipped = ShippedConnector.repositoryRoot().resolve("connect-configs/connectors");
        TreeSet<String> expected;
        try (Stream<Path> files = Files.walk(shipped)) {
            expected = files.filter(p -> p.toString().endsWith(".json")).map(p -> shipped.relativize(p).toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(expected).as("connect-configs/connectors").isNotEmpty();
        assertThat(new TreeSet<>(archive.filesUnder("etc"))).isEqualTo(expected);
        for (String config : expected) {
            assertThat(Files.readAllBytes(installed.resolve("etc").resolve(config))).as(config)
                    .isEqualTo(Files.readAllBytes(shipped.resolve(config)));
        }
    }

    @Test
    void docHoldsTheReadmeTheLicenseTheInstallationPageAndTheDocs() throws IOException {
        Path root = ShippedConnector.repositoryRoot();
        Map<String, String> expected = new TreeMap<>(Map.of("LICENSE", "LICENSE", "README.md", "README.md",
                "install-confluent-hub.md", "docs/install-confluent-hub.md"));
        // The docs/ pages the README links to, under doc/docs/ so that its relative links resolve.
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(p -> p.endsWith(".md") || (p.startsWith("docs/screenshots/") && p.endsWith(".png")))
                    .forEach(p -> expected.put(p, p));
        }
        assertThat(expected).as("docs/ pages").containsKeys("docs/architecture.md", "docs/plugins/README.md");
        assertThat(new TreeSet<>(archive.filesUnder("doc"))).isEqualTo(expected.keySet());
        for (Map.Entry<String, String> file : expected.entrySet()) {
            assertThat(Files.readAllBytes(installed.resolve("doc").resolve(file.getKey()))).as(file.getKey())
                    .isEqualTo(Files.readAllBytes(root.resolve(file.getValue())));
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    /** Every text value of the manifest that is a path into the archive (doc/, etc/, lib/, assets/). */
    private static void collectArchivePaths(JsonNode node, List<String> paths) {
        if (node.isTextual() && node.asText().matches("(doc|etc|lib|assets)/[^\\s]+")) {
            paths.add(node.asText());
        }
        node.forEach(child -> collectArchivePaths(child, paths));
    }

    private static TreeSet<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> classesOfTheWorker(Path jar) throws IOException {
        List<String> found = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && WORKER_PACKAGES.stream().anyMatch(name::startsWith)) {
                    found.add(name);
                }
            }
        }
        return found;
    }
}
