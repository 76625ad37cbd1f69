package org.bwnetflow.connect.enrich.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;

/** The repository's testdata, and files written so that a reloader notices them. */
public final class TestFiles {

    private TestFiles() {
    }

    /** A file under the repository's testdata directory, found from the working directory upwards. */
    public static Path testdata(String relative) {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("testdata"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no testdata directory above " + Paths.get("").toAbsolutePath());
        }
        Path file = dir.resolve("testdata").resolve(relative);
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " is missing");
        }
        return file;
    }

    /** Replaces a file's content and moves its modification time on, as an operator's edit would. */
    public static void rewrite(Path file, byte[] content) throws IOException {
        FileTime before = Files.exists(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Files.setLastModifiedTime(file, FileTime.fromMillis(before.toMillis() + 2000));
    }
}
