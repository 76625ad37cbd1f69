package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

/**
 * Every secret in the shipped connector configs and in the docs comes through a config provider. Connect's REST
 * API returns a connector's config as it was submitted ({@code GET /connectors/NAME/config}): a literal
 * {@code PASSWORD} value would be shown to whoever may read it, a {@code ${file:...}} reference shows only where
 * the secret lies.
 */
class SecretsThroughProvidersTest {

    /** {@code ${provider:path:key}} or {@code ${provider:key}}, nothing around it. */
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z0-9_-]+:[^}]+}");

    @Test
    void ourPluginsHaveTheseSecrets() {
        assertThat(passwordKeys()).contains("influx.token", "cryptopan.key", "snmp.community");
    }

    @Test
    void theShippedConnectorsNameEverySecretThroughAProvider() throws Exception {
        Set<String> secrets = passwordKeys();
        int checked = 0;
        for (Map<String, String> connector : WorkerPropertiesTest.shippedConnectors()) {
            for (Map.Entry<String, String> entry : connector.entrySet()) {
                if (secrets.contains(unprefixed(entry.getKey()))) {
                    assertThat(entry.getValue()).as(entry.getKey()).matches(REFERENCE);
                    checked++;
                }
            }
        }
        assertThat(checked).as("the shipped Influx sink has a token").isPositive();
    }

    @Test
    void theDocsShowNoSecretInClearText() throws Exception {
        Set<String> secrets = passwordKeys();
        String keys = String.join("|", secrets.stream().map(Pattern::quote).toList());
        // "transforms.x.cryptopan.key": "..." in JSON, transforms.x.cryptopan.key=... in properties.
        Pattern json = Pattern.compile("\"((?:[\\w.-]+\\.)?(?:" + keys + "))\"\\s*:\\s*\"([^\"]*)\"");
        Pattern properties = Pattern.compile("(?m)^\\s*((?:[\\w.-]+\\.)?(?:" + keys + "))\\s*=\\s*(\\S*)");
        List<String> found = new ArrayList<>();
        for (Path doc : docs()) {
            String text = Files.readString(doc);
            for (Pattern pattern : List.of(json, properties)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    found.add(doc + ": " + m.group(1));
                    assertThat(m.group(2)).as("%s in %s", m.group(1), doc).matches(REFERENCE);
                }
            }
        }
        assertThat(found).as("the docs show how to give the secrets").isNotEmpty();
    }

    /** The names of every {@code PASSWORD} key of our connectors and transforms, found through their manifests. */
    static Set<String> passwordKeys() {
        Set<String> keys = new TreeSet<>();
        Stream.of(ServiceLoader.load(SourceConnector.class), ServiceLoader.load(SinkConnector.class))
                .flatMap(loader -> loader.stream().map(ServiceLoader.Provider::get))
                .filter(SecretsThroughProvidersTest::ours)
                .forEach(connector -> keys.addAll(passwords(connector.config())));
        ServiceLoader.load(Transformation.class).stream().map(ServiceLoader.Provider::get)
                .filter(SecretsThroughProvidersTest::ours)
                .forEach(transform -> keys.addAll(passwords(transform.config())));
        return keys;
    }

    private static boolean ours(Object plugin) {
        return plugin.getClass().getName().startsWith("org.bwnetflow.");
    }

    private static List<String> passwords(ConfigDef def) {
        return def.configKeys().values().stream().filter(key -> key.type == ConfigDef.Type.PASSWORD)
                .map(key -> key.name).toList();
    }

    /** A transform's key without {@code transforms.ALIAS.}. */
    private static String unprefixed(String key) {
        return key.startsWith("transforms.") ? key.substring(key.indexOf('.', "transforms.".length()) + 1) : key;
    }

    private static List<Path> docs() throws Exception {
        Path root = Paths.get("").toAbsolutePath().getParent();
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
        }
        return docs;
    }
}
