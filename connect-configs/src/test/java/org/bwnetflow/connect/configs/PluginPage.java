package org.bwnetflow.connect.configs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A plugin's reference page: a generated header (name, class, kind, module, {@code OVERVIEW_DOC}), the
 * hand-written prose, and a generated configuration table. Regenerating replaces only what lies between the
 * markers, so the prose stays as written.
 */
final class PluginPage {

    static final String UPDATE_COMMAND =
            "mvn -B -pl connect-configs -am test -Ddocs.update=true -Dtest=PluginDocsTest -Dsurefire.failIfNoSpecifiedTests=false";

    /** A full stop that ends a sentence: a capital follows, and it is not the one of "e.g." or "i.e.". */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!e\\.g|i\\.e)\\. (?=[A-Z])");

    private PluginPage() {
    }

    /** The page as it should be: {@code current} with its generated parts renewed, or a new page. */
    static String render(DocumentedPlugin plugin, String current) {
        String text = current == null ? skeleton() : current;
        text = replace(text, "header", header(plugin));
        ConfigDef def = plugin.configDef();
        return replace(text, "config", def.configKeys().isEmpty() ? "None: " + plugin.simpleName()
                + " takes no configuration keys.\n" : ConfigDocs.markdownTable(def));
    }

    private static String skeleton() {
        return marker("header", "start") + "\n" + marker("header", "end") + "\n\n## Configuration\n\n"
                + marker("config", "start") + "\n" + marker("config", "end") + "\n";
    }

    private static String header(DocumentedPlugin plugin) {
        return "# " + plugin.simpleName() + "\n\n"
                + "`" + plugin.type().getName() + "`: " + plugin.kind() + " in the module `" + plugin.module()
                + "` (in the plugin bundle).\n\n"
                + plugin.overview() + "\n\n"
                + usage(plugin) + "\n\n"
                + "<!-- The header and the configuration table are generated from the class's OVERVIEW_DOC and its "
                + "ConfigDef; edit those, then run " + UPDATE_COMMAND + " -->\n";
    }

    /** The index page's generated table: every plugin, what it is, and the first sentence of its overview. */
    static String renderIndex(List<DocumentedPlugin> plugins, String current) {
        StringBuilder table = new StringBuilder("| plugin | kind | module | what it does |\n|---|---|---|---|\n");
        for (DocumentedPlugin plugin : plugins) {
            table.append("| [").append(plugin.simpleName()).append("](").append(plugin.page()).append(".md) | ")
                    .append(plugin.kind()).append(" | `").append(plugin.module()).append("` | ")
                    .append(firstSentence(plugin.overview()).replace("|", "\\|")).append(" |\n");
        }
        return replace(current == null ? marker("index", "start") + "\n" + marker("index", "end") + "\n" : current,
                "index", table.toString());
    }

    private static String firstSentence(String text) {
        Matcher end = SENTENCE_END.matcher(text);
        return end.find() ? text.substring(0, end.start() + 1) : text;
    }

    /** How a connector config names the plugin, and where its keys go. */
    private static String usage(DocumentedPlugin plugin) {
        String name = plugin.type().getName();
        return switch (plugin.kind()) {
            case "transform" -> "In a connector config: `\"transforms\": \"ALIAS\"`, `\"transforms.ALIAS.type\": \"" + name
                    + "\"`; the keys below go under `transforms.ALIAS.`.";
            case "predicate" -> "In a connector config: `\"predicates\": \"ALIAS\"`, `\"predicates.ALIAS.type\": \"" + name
                    + "\"`; the keys below go under `predicates.ALIAS.`, and a transform uses it with "
                    + "`transforms.T.predicate=ALIAS` (and `transforms.T.negate`).";
            case "converter" -> "In a connector or worker config: `\"value.converter\": \"" + name + "\"`.";
            default -> "In a connector config: `\"connector.class\": \"" + name + "\"`, with the keys below.";
        };
    }

    private static String replace(String text, String section, String content) {
        String start = marker(section, "start") + "\n";
        String end = marker(section, "end");
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("the page has no " + start.strip() + " ... " + end);
        }
        return text.substring(0, from + start.length()) + content + text.substring(to);
    }

    private static String marker(String section, String edge) {
        return "<!-- generated:" + section + ":" + edge + " -->";
    }
}
