package org.bwnetflow.connect.flowctl;

import picocli.CommandLine.Option;

/**
 * {@code --format}: how a command prints flows, one line each, as text for people or as JSON Lines for tools. A
 * picocli mixin, so every command takes the same values and refuses others with the same message (picocli's:
 * "expected one of [pretty, json]").
 */
public final class OutputFormat {

    /** The formats, as they are written on the command line (case-insensitive). */
    public enum Format { pretty, json }

    @Option(names = "--format", defaultValue = "pretty", paramLabel = "FORMAT",
            description = "pretty (a line of text per flow) or json (JSON Lines) (default: ${DEFAULT-VALUE})")
    Format format;

    /** Whether to print JSON Lines. */
    public boolean json() {
        return format == Format.json;
    }
}
