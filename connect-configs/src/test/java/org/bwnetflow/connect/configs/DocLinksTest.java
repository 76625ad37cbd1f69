package org.bwnetflow.connect.configs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The docs hold together and stand on their own: every relative link and anchor in the README, {@code docs/} and
 * {@code benchmarks/} resolves, and no file of the repository points outside it or depends on one machine.
 */
class DocLinksTest {

    /**
     * Text that only makes sense on the machine, or next to the checkout, it was written on. Each entry is split in
     * two so that this file does not match itself.
     */
    private static final List<String> MACHINE_BOUND = List.of(
            "../" + "shared", "DESIGN" + ".md", "/work" + "/", "our Maven" + " mirror", "this 2-core" + " machine");

    /** Directories that hold build output, local state or version control, never sources. */
    private static final Set<String> NOT_SOURCES = Set.of("target", ".git", ".flowstack", "node_modules", ".idea");

    private static final Set<String> TEXT_SUFFIXES = Set.of(".md", ".java", ".xml", ".properties", ".json", ".sql",
            ".proto", ".sh", ".yml", ".yaml", ".txt", ".csv", ".html", ".js", ".css");

    private final Path root = RepositoryFiles.root();
    private final Map<Path, MarkdownPage> pages = new HashMap<>();

    @Test
    void everyRelativeLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        List<Path> docs = docs();
        assertThat(docs).as("pages checked").contains(root.resolve("README.md"), root.resolve("docs/architecture.md"));
        for (Path doc : docs) {
            for (String link : page(doc).links()) {
                String problem = problem(doc, link);
                if (problem != null) {
                    broken.add(root.relativize(doc) + ": (" + link + ") " + problem);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void noFileRefersToAnythingOutsideTheRepositoryOrToOneMachine() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(this::isSource)::iterator) {
                String text = read(file);
                for (String phrase : MACHINE_BOUND) {
                    if (text != null && text.contains(phrase)) {
                        found.add(root.relativize(file) + ": " + phrase);
                    }
                }
            }
        }
        assertThat(found).as("text that points outside the repository or to one machine").isEmpty();
    }

    @Test
    void theSlugsAreGitHubs() {
        assertThat(MarkdownPage.slug("Influx sink: windowed counters, counted exactly once"))
                .isEqualTo("influx-sink-windowed-counters-counted-exactly-once");
        assertThat(MarkdownPage.slug("The `flows` table (v2) & more")).isEqualTo("the-flows-table-v2--more");
        assertThat(new MarkdownPage("# A\n## A\n```\n# B\n```\n").hasAnchor("a-1")).isTrue();
        assertThat(new MarkdownPage("```\n# B\n```\n").hasAnchor("b")).isFalse();
    }

    /** Why {@code link} in {@code doc} does not resolve, or null when it does. */
    private String problem(Path doc, String link) throws IOException {
        if (link.matches("^[a-z][a-z0-9+.-]*:.*")) {
            return null; // http:, https:, mailto: are outside the repository's reach
        }
        int hash = link.indexOf('#');
        String file = hash < 0 ? link : link.substring(0, hash);
        Path target = file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
        if (!target.startsWith(root)) {
            return "points outside the repository";
        }
        if (!Files.exists(target)) {
            return "no such file";
        }
        return hash < 0 ? null : anchorProblem(target, link.substring(hash + 1));
    }

    private String anchorProblem(Path target, String anchor) throws IOException {
        if (!target.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        return page(target).hasAnchor(anchor) ? null : "no heading with the anchor #" + anchor;
    }

    private List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> files = Files.walk(root.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        try (Stream<Path> files = Files.list(root.resolve("benchmarks"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }

    private MarkdownPage page(Path doc) throws IOException {
        MarkdownPage page = pages.get(doc);
        if (page == null) {
            page = new MarkdownPage(Files.readString(doc, StandardCharsets.UTF_8));
            pages.put(doc, page);
        }
        return page;
    }

    private boolean isSource(Path file) {
        for (Path part : root.relativize(file)) {
            if (NOT_SOURCES.contains(part.toString())) {
                return false;
            }
        }
        String name = file.getFileName().toString();
        boolean text = TEXT_SUFFIXES.stream().anyMatch(name::endsWith) || file.startsWith(root.resolve("bin"))
                || file.startsWith(root.resolve(".ci"));
        return text && Files.isRegularFile(file);
    }

    /** The file as UTF-8 text, or null for a file that is not (a binary fixture with a text suffix). */
    private static String read(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
