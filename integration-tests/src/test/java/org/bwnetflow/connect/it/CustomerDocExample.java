package org.bwnetflow.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The examples of the customers' page ({@value #PAGE}), exactly as written there, with only their placeholders
 * (broker address, password, file locations) replaced by the test's values: so that a customer who copies them
 * gets what the test got.
 */
final class CustomerDocExample {

    static final String PAGE = "docs/customers.md";
    static final String BOOTSTRAP = "kafka.example.org:9093";

    private final List<String> lines;

    private CustomerDocExample(List<String> lines) {
        this.lines = lines;
    }

    static CustomerDocExample read() {
        Path page = ShippedConnector.repositoryRoot().resolve(PAGE);
        try {
            return new CustomerDocExample(Files.readAllLines(page));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The words of the line that starts with {@code prefix} (e.g. the {@code L="..."} login), placeholders replaced. */
    List<String> words(String prefix, Map<String, String> placeholders) {
        String line = line(prefix);
        if (line.startsWith("L=\"")) {
            line = line.substring(3, line.lastIndexOf('"'));
        }
        return new ArrayList<>(Arrays.asList(replace(line, placeholders).strip().split("\\s+")));
    }

    /** The line that starts with {@code prefix}, exactly. */
    String line(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError(PAGE + " has no line starting with " + prefix));
    }

    /** The body of the fenced block that follows the line containing {@code marker}, placeholders replaced. */
    String block(String marker, Map<String, String> placeholders) {
        int at = 0;
        while (at < lines.size() && !lines.get(at).contains(marker)) {
            at++;
        }
        int open = at + 1;
        while (open < lines.size() && !lines.get(open).startsWith("```")) {
            open++;
        }
        int close = open + 1;
        while (close < lines.size() && !lines.get(close).startsWith("```")) {
            close++;
        }
        if (close >= lines.size()) {
            throw new AssertionError(PAGE + " has no code block after " + marker);
        }
        return replace(String.join("\n", lines.subList(open + 1, close)) + "\n", placeholders);
    }

    private static String replace(String text, Map<String, String> placeholders) {
        String result = text;
        for (Map.Entry<String, String> entry : placeholders.entrySet()) {
            result = result.replace(entry.getKey(), entry.getValue());
        }
        return result;
    }
}
