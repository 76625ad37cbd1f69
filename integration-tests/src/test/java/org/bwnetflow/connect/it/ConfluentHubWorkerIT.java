package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bwnetflow.connect.stack.ConnectRestClient;
import org.bwnetflow.connect.stack.ConnectWorker;
import org.bwnetflow.connect.stack.FreePorts;
import org.bwnetflow.connect.stack.PluginInfo;
import org.bwnetflow.connect.stack.WorkerSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Confluent Hub component archive installed as {@code confluent-hub install --component-dir DIR}
 * installs it, and a real Connect worker (its own group, on the shared broker) with
 * {@code plugin.path=DIR} and {@code plugin.discovery=service_load}: it lists every plugin the
 * archive's jars declare, each with the project's version, exactly as the worker that loads the plugin
 * zip does (same plugins, versions and config keys), and every plugin of ours that the configs in
 * etc/ name.
 */
@ExtendWith(LocalStack.class)
class ConfluentHubWorkerIT {

    private static final String OURS = "org.bwnetflow.connect.";

    @TempDir
    Path tmp;

    @Test
    void aWorkerLoadsEveryPluginFromTheInstalledArchive() throws IOException {
        Path componentDir = tmp.resolve("confluent-hub-components");
        Path installed = HubArchive.located().installInto(componentDir);
        TreeSet<String> declared = DeclaredPlugins.in(installed.resolve("lib"));
        assertThat(declared).as("plugins the archive's jars declare").isNotEmpty();

        String run = Long.toString(System.currentTimeMillis());
        WorkerSettings settings = WorkerSettings.of(tmp.resolve("worker"), LocalStack.broker().bootstrapServers(),
                FreePorts.tcp(1).get(0), List.of(componentDir), Map.of("group.id", "hub-archive-" + run,
                        "config.storage.topic", "_hub-configs-" + run, "offset.storage.topic", "_hub-offsets-" + run,
                        "status.storage.topic", "_hub-status-" + run));
        assertThat(settings.workerProperties()).containsEntry("plugin.discovery", "service_load")
                .containsEntry("plugin.path", componentDir.toAbsolutePath().normalize().toString());
        try (ConnectWorker worker = ConnectWorker.start(settings)) {
            Map<String, String> fromArchive = ours(worker.rest().connectorPlugins());
            Map<String, String> fromPluginZip = ours(LocalStack.rest().connectorPlugins());
            System.out.println("plugins of ours from the Confluent Hub archive: " + fromArchive);

            assertThat(fromArchive.keySet()).as("listed vs declared in META-INF/services").isEqualTo(declared);
            assertThat(fromArchive).as("every plugin at the project's version")
                    .allSatisfy((plugin, version) -> assertThat(version).as(plugin).isEqualTo(LocalStack.version()));
            assertThat(fromArchive).as("the same as the plugin zip's worker lists").isEqualTo(fromPluginZip);
            for (String plugin : fromArchive.keySet()) {
                String className = plugin.substring(plugin.indexOf(' ') + 1);
                assertThat(configKeys(worker.rest(), className)).as("config keys of " + className)
                        .isEqualTo(configKeys(LocalStack.rest(), className));
            }
            TreeSet<String> listedClasses = fromArchive.keySet().stream().map(p -> p.substring(p.indexOf(' ') + 1))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(classesOfOursIn(installed.resolve("etc"))).as("our plugins the etc/ configs name")
                    .isNotEmpty().isSubsetOf(listedClasses);
        }
    }

    /** "type class" to version, for our plugins only (the worker adds its own: Kafka's transforms, converters). */
    private static Map<String, String> ours(List<PluginInfo> plugins) {
        return plugins.stream().filter(p -> p.className().startsWith(OURS)).collect(Collectors.toMap(
                p -> DeclaredPlugins.key(p.type(), p.className()), PluginInfo::version, (a, b) -> a, TreeMap::new));
    }

    /** {@code GET /connector-plugins/CLASS/config}: the plugin's ConfigDef as the worker loaded it. */
    private static TreeSet<String> configKeys(ConnectRestClient rest, String className) {
        TreeSet<String> keys = new TreeSet<>();
        rest.get("/connector-plugins/" + className + "/config").forEach(k -> keys.add(k.path("name").asText()));
        return keys;
    }

    /** Every value of ours (connector.class, transforms.*.type, *.converter) in the connector configs below dir. */
    private static TreeSet<String> classesOfOursIn(Path dir) throws IOException {
        TreeSet<String> classes = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode config = json.readTree(file.toFile()).path("config");
                config.properties().forEach(e -> {
                    if (e.getValue().asText().startsWith(OURS)) {
                        classes.add(e.getValue().asText());
                    }
                });
            }
        }
        return classes;
    }
}
