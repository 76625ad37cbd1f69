package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.flowctl.testing.Tools;

/**
 * A gobgpd (Debian package gobgpd) started by a test on a loopback address: a BGP speaker with
 * its own AS, optional neighbours and an optional BMP station it reports to; driven through its
 * CLI {@code gobgp} on its own gRPC port.
 */
final class Gobgpd implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final int apiPort;
    private final String gobgp;

    /** A BGP neighbour of this speaker. */
    record Neighbour(String address, long as, int port) {
    }

    private Gobgpd(Process process, Path log, int apiPort, String gobgp) {
        this.process = process;
        this.log = log;
        this.apiPort = apiPort;
        this.gobgp = gobgp;
    }

    /**
     * Starts gobgpd and waits until its API answers.
     *
     * @param bmpPort the BMP station's port on 127.0.0.1, or 0 for none
     */
    static Gobgpd start(Path dir, long as, String address, int bgpPort, List<Neighbour> neighbours, int bmpPort) throws Exception {
        String gobgpd = Tools.require("gobgpd", "gobgpd");
        String gobgp = Tools.require("gobgp", "gobgpd");
        Files.createDirectories(dir);
        StringBuilder toml = new StringBuilder()
                .append("[global.config]\n  as = ").append(as).append("\n  router-id = \"").append(address).append("\"\n")
                .append("  port = ").append(bgpPort).append("\n  local-address-list = [\"").append(address).append("\"]\n");
        for (Neighbour n : neighbours) {
            toml.append("[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"").append(n.address())
                    .append("\"\n    peer-as = ").append(n.as())
                    .append("\n  [neighbors.transport.config]\n    remote-port = ").append(n.port())
                    .append("\n    local-address = \"").append(address).append("\"\n")
                    .append("  [neighbors.timers.config]\n    connect-retry = 1\n")
                    .append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"ipv4-unicast\"\n")
                    .append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"ipv6-unicast\"\n");
        }
        if (bmpPort > 0) {
            toml.append("[[bmp-servers]]\n  [bmp-servers.config]\n    address = \"127.0.0.1\"\n    port = ").append(bmpPort)
                    .append("\n    route-monitoring-policy = \"all\"\n");
        }
        Path config = dir.resolve("gobgpd.toml");
        Files.writeString(config, toml);
        int apiPort = org.bwnetflow.connect.stack.FreePorts.tcp();
        Path log = dir.resolve("gobgpd.log");
        Process process = new ProcessBuilder(gobgpd, "-f", config.toString(), "-t", "toml", "--api-hosts",
                "127.0.0.1:" + apiPort, "--log-plain").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Gobgpd speaker = new Gobgpd(process, log, apiPort, gobgp);
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("gobgpd exited: " + Files.readString(log));
            }
            if (speaker.tryCli("global").exit == 0) {
                return speaker;
            }
            if (System.currentTimeMillis() > deadline) {
                speaker.close();
                throw new AssertionError("gobgpd's API did not answer within 15 s: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** Runs {@code gobgp} against this speaker; fails the test if it fails. */
    String cli(String... args) throws Exception {
        Result result = tryCli(args);
        assertThat(result.exit).as("gobgp %s: %s", String.join(" ", args), result.output).isZero();
        return result.output;
    }

    /** The routes of its global RIB (its Loc-RIB) of one family ("ipv4" or "ipv6"), as {@code gobgp global rib -j} lists them. */
    JsonNode globalRib(String family) throws Exception {
        return JSON.readTree(cli("global", "rib", "-a", family, "-j"));
    }

    /**
     * Injects a TABLE_DUMP_V2 file into its global RIB ({@code gobgp mrt inject global}) until the
     * RIB holds {@code routes} destinations. gobgp 3.10's CLI exits without closing its gRPC stream
     * (later versions wait for the server's answer), so the last few hundred records of a file can
     * be lost; injecting again is harmless (the same paths replace themselves) and brings them.
     */
    void injectMrt(Path file, int routes) throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            cli("mrt", "inject", "global", file.toString());
            long deadline = System.currentTimeMillis() + 10_000 + routes / 5;
            int held = 0;
            while (System.currentTimeMillis() < deadline) {
                held = destinations("ipv4") + destinations("ipv6");
                if (held >= routes) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("gobgpd holds fewer than " + routes + " routes after injecting " + file + " five times");
    }

    /** Destinations in its global RIB of a family, from {@code gobgp global rib summary}. */
    int destinations(String family) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Destination: (\\d+)")
                .matcher(cli("global", "rib", "summary", "-a", family));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private Result tryCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(gobgp, "-u", "127.0.0.1", "-p", String.valueOf(apiPort)));
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = cli.getInputStream().readAllBytes();
        if (!cli.waitFor(120, TimeUnit.SECONDS)) {
            cli.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(cli.exitValue(), new String(output, java.nio.charset.StandardCharsets.UTF_8));
    }

    String log() throws Exception {
        return Files.readString(log);
    }

    /** Stops it as a router operator would (SIGTERM): it ends its BGP and BMP sessions. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    private record Result(int exit, String output) {
    }
}
