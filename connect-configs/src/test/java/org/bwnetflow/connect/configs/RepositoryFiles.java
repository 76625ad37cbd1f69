package org.bwnetflow.connect.configs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the repository's files are, seen from a test that runs in its module's directory. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The nearest directory above the working directory that holds the reactor's parent pom and the README. */
    static Path root() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !(Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("connect-configs")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root above " + Paths.get("").toAbsolutePath());
        }
        return dir;
    }
}
