package org.bwnetflow.connect.flowctl.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
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

    /** A UDP port of 127.0.0.1 that was free a moment ago, for a collector the test starts. */
    public static int freeLoopbackUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Waits until {@code process} writes {@code marker} to its log (a collector saying its socket
     * is bound: probing the port would race it); kills it and fails if it exits or takes 10 s.
     */
    public static void awaitLogLine(Process process, Path log, String marker, String what) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (!process.isAlive()) {
                throw new AssertionError(what + " exited early: " + text);
            }
            if (text.contains(marker)) {
                return;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError(what + " did not start listening: " + Files.readString(log));
    }
}
