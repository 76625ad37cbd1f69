package org.bwnetflow.connect.flowctl.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * External programs the tests run (from Debian packages the README's test command installs).
 * A missing tool is a loud failure naming the package, never a skipped test.
 */
public final class Tools {

    private Tools() {
    }

    public static String require(String program, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Paths.get(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
            Path candidate = Paths.get(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(program + " is not installed: this test needs the Debian package '" + debianPackage
                + "' (the README's test command installs it: apt-get install " + debianPackage + ")");
    }
}
