package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every plugin of the bundle has a page {@code docs/plugins/<name>.md} whose header and configuration table are
 * generated from its {@code OVERVIEW_DOC} and ConfigDef, as Kafka's {@code TransformationDoc} does. This test fails
 * when a page is missing or stale; {@code -Ddocs.update=true} rewrites the generated parts (see
 * {@link PluginPage#UPDATE_COMMAND}).
 */
class PluginDocsTest {

    @Test
    void everyPluginTheWorkerFindsIsDocumented() {
        Set<String> found = new TreeSet<>();
        Stream.of(SourceConnector.class, SinkConnector.class, Transformation.class, Predicate.class, Converter.class)
                .flatMap(service -> ServiceLoader.load(service).stream().map(ServiceLoader.Provider::type))
                .map(Class::getName).filter(name -> name.startsWith("org.bwnetflow.")).forEach(found::add);
        Set<String> documented = new TreeSet<>();
        DocumentedPlugin.ALL.forEach(plugin -> documented.add(plugin.type().getName()));
        assertThat(documented).as("DocumentedPlugin.ALL against the plugins in META-INF/services").isEqualTo(found);
    }

    @Test
    void pluginPagesAreCurrent() throws IOException {
        boolean update = Boolean.getBoolean("docs.update");
        List<String> stale = new ArrayList<>();
        for (DocumentedPlugin plugin : DocumentedPlugin.ALL) {
            Path page = RepositoryFiles.root().resolve("docs/plugins/" + plugin.page() + ".md");
            String current = Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : null;
            String expected = PluginPage.render(plugin, current);
            if (update && !expected.equals(current)) {
                Files.createDirectories(page.getParent());
                Files.writeString(page, expected, StandardCharsets.UTF_8);
            } else if (!expected.equals(current)) {
                stale.add(RepositoryFiles.root().relativize(page).toString());
            }
        }
        assertThat(stale).as("plugin pages missing or stale; regenerate with " + PluginPage.UPDATE_COMMAND).isEmpty();
    }

    @Test
    void pluginIndexIsCurrent() throws IOException {
        Path index = RepositoryFiles.root().resolve("docs/plugins/README.md");
        String current = Files.exists(index) ? Files.readString(index, StandardCharsets.UTF_8) : null;
        String expected = PluginPage.renderIndex(DocumentedPlugin.ALL, current);
        if (Boolean.getBoolean("docs.update") && !expected.equals(current)) {
            Files.writeString(index, expected, StandardCharsets.UTF_8);
            current = expected;
        }
        assertThat(current).as("docs/plugins/README.md missing or stale; regenerate with " + PluginPage.UPDATE_COMMAND)
                .isEqualTo(expected);
    }

    @Test
    void everyPluginHasAnOverview() {
        for (DocumentedPlugin plugin : DocumentedPlugin.ALL) {
            // At least a whole sentence that says what the plugin does: it heads the plugin's page.
            assertThat(plugin.overview()).as(plugin.simpleName() + ".OVERVIEW_DOC").hasSizeGreaterThan(80).endsWith(".");
        }
    }

    @Test
    void everyKeyHasDocumentation() {
        for (DocumentedPlugin plugin : DocumentedPlugin.ALL) {
            plugin.configDef().configKeys().values().forEach(key ->
                    assertThat(key.documentation).as(plugin.simpleName() + " " + key.name).isNotBlank());
        }
    }
}
