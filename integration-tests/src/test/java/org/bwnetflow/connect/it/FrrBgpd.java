package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.flowctl.testing.Tools;

/**
 * FRR's bgpd (Debian package frr) started by a test: no zebra (-Z, routes are not installed in the
 * kernel), its BMP module loaded (-M bmp), its vty socket in the test's directory so that
 * {@code vtysh} talks to this instance only.
 */
final class FrrBgpd implements AutoCloseable {

    private static final String BGPD = "/usr/lib/frr/bgpd";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path dir;
    private final String vtysh;

    private FrrBgpd(Process process, Path dir, String vtysh) {
        this.process = process;
        this.dir = dir;
        this.vtysh = vtysh;
    }

    /** Starts bgpd with {@code config} (bgpd.conf text) listening for BGP on {@code address}:{@code port}. */
    static FrrBgpd start(Path dir, String config, String address, int port) throws Exception {
        String vtysh = Tools.require("vtysh", "frr");
        assertThat(Path.of(BGPD)).as("FRR's bgpd (Debian package frr; bin/test-all installs it)").isExecutable();
        Files.createDirectories(dir);
        Path conf = dir.resolve("bgpd.conf");
        Files.writeString(conf, config);
        Path log = dir.resolve("bgpd.out");
        Process process = new ProcessBuilder(BGPD, "-Z", "-S", "-M", "bmp", "-f", conf.toString(), "--vty_socket", dir.toString(),
                "-i", dir.resolve("bgpd.pid").toString(), "-p", String.valueOf(port), "-l", address)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        FrrBgpd bgpd = new FrrBgpd(process, dir, vtysh);
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("bgpd exited: " + Files.readString(log));
            }
            if (bgpd.tryShow("show bgp summary json") != null) {
                return bgpd;
            }
            if (System.currentTimeMillis() > deadline) {
                bgpd.close();
                throw new AssertionError("bgpd's vty did not answer within 15 s: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** A {@code show ... json} command's answer. */
    JsonNode show(String command) throws Exception {
        JsonNode answer = tryShow(command);
        assertThat(answer).as("vtysh -c '%s'", command).isNotNull();
        return answer;
    }

    /** A command's text answer (for what FRR shows only as text, e.g. {@code show bgp ipv4 flowspec detail}). */
    String text(String command) throws Exception {
        Process cli = new ProcessBuilder(vtysh, "--vty_socket", dir.toString(), "-c", command).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor(30, TimeUnit.SECONDS) && cli.exitValue() == 0).as("vtysh -c '%s': %s", command, output).isTrue();
        return output;
    }

    private JsonNode tryShow(String command) throws Exception {
        Process cli = new ProcessBuilder(vtysh, "--vty_socket", dir.toString(), "-c", command).redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(30, TimeUnit.SECONDS) || cli.exitValue() != 0 || !output.trim().startsWith("{")) {
            return null;
        }
        return JSON.readTree(output);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
