package org.bwnetflow.connect.stack;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --home} option every flowstack subcommand shares. */
final class HomeOption {

    @Option(names = "--home", paramLabel = "DIR",
            description = "Directory for data, logs and pid files (default: $FLOWSTACK_HOME, else ./.flowstack).")
    Path home;

    StackLayout layout() {
        return StackLayout.resolve(home, System.getenv());
    }
}
