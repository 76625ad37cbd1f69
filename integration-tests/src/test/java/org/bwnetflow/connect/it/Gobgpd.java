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
 * CLI {@code gobgp} on its own gRPC port (optionally with TLS). Its pprof listener (by default
 * localhost:6060) is off, so that several run side by side.
 */
final class Gobgpd implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> UNICAST = List.of("ipv4-unicast", "ipv6-unicast");

    private final Process process;
    private final Path log;
    private final Api api;
    private final String gobgp;
    private final List<String> command;

    /** A BGP neighbour of this speaker and the address families (gobgp's afi-safi names) of the session. */
    record Neighbour(String address, long as, int port, List<String> families) {
        /** IPv4 and IPv6 unicast. */
        Neighbour(String address, long as, int port) {
            this(address, as, port, UNICAST);
        }
    }

    /**
     * Its gRPC API on 127.0.0.1:{@code port}; with {@code tlsCertificate} and {@code tlsKey} (PEM) over TLS only
     * ({@code --tls}), and its CLI then trusts {@code tlsCertificate}.
     */
    record Api(int port, Path tlsCertificate, Path tlsKey) {
        static Api plain(int port) {
            return new Api(port, null, null);
        }

        boolean tls() {
            return tlsCertificate != null;
        }
    }

    private Gobgpd(Process process, Path log, Api api, String gobgp, List<String> command) {
        this.process = process;
        this.log = log;
        this.api = api;
        this.gobgp = gobgp;
        this.command = command;
    }

    /**
     * Starts gobgpd and waits until its API answers.
     *
     * @param bmpPort the BMP station's port on 127.0.0.1, or 0 for none
     */
    static Gobgpd start(Path dir, long as, String address, int bgpPort, List<Neighbour> neighbours, int bmpPort) throws Exception {
        return start(dir, as, address, bgpPort, neighbours, bmpPort, Api.plain(org.bwnetflow.connect.stack.FreePorts.tcp()));
    }

    /** The same with its API where {@code api} says. */
    static Gobgpd start(Path dir, long as, String address, int bgpPort, List<Neighbour> neighbours, int bmpPort, Api api)
            throws Exception {
        String gobgpd = Tools.require("gobgpd", "gobgpd");
        Files.createDirectories(dir);
        StringBuilder toml = new StringBuilder()
                .append("[global.config]\n  as = ").append(as).append("\n  router-id = \"").append(address).append("\"\n")
                .append("  port = ").append(bgpPort).append("\n  local-address-list = [\"").append(address).append("\"]\n");
        for (Neighbour n : neighbours) {
            toml.append("[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"").append(n.address())
                    .append("\"\n    peer-as = ").append(n.as())
                    .append("\n  [neighbors.transport.config]\n    remote-port = ").append(n.port())
                    .append("\n    local-address = \"").append(address).append("\"\n")
                    .append("  [neighbors.timers.config]\n    connect-retry = 1\n");
            for (String family : n.families()) {
                toml.append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"").append(family)
                        .append("\"\n");
            }
        }
        if (bmpPort > 0) {
            toml.append("[[bmp-servers]]\n  [bmp-servers.config]\n    address = \"127.0.0.1\"\n    port = ").append(bmpPort)
                    .append("\n    route-monitoring-policy = \"all\"\n");
        }
        Path config = dir.resolve("gobgpd.toml");
        Files.writeString(config, toml);
        List<String> command = new ArrayList<>(List.of(gobgpd, "-f", config.toString(), "-t", "toml", "--api-hosts",
                "127.0.0.1:" + api.port(), "--log-plain", "--pprof-disable"));
        if (api.tls()) {
            command.addAll(List.of("--tls", "--tls-cert-file", api.tlsCertificate().toString(), "--tls-key-file", api.tlsKey().toString()));
        }
        return launch(dir.resolve("gobgpd.log"), api, command);
    }

    /**
     * A new gobgpd of the same configuration and API port after this one stopped (as after a crash or an operator's
     * restart): it starts with an empty RIB of its own, as every gobgpd does.
     */
    Gobgpd restart() throws Exception {
        assertThat(process.isAlive()).as("gobgpd restarted while still running").isFalse();
        return launch(log.resolveSibling("gobgpd-restarted.log"), api, command);
    }

    private static Gobgpd launch(Path log, Api api, List<String> command) throws Exception {
        String gobgp = Tools.require("gobgp", "gobgpd");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Gobgpd speaker = new Gobgpd(process, log, api, gobgp, command);
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

    /** The port of its gRPC API on 127.0.0.1. */
    int apiPort() {
        return api.port();
    }

    private Result tryCli(String... args) throws Exception {
        List<String> cliCommand = new ArrayList<>(List.of(gobgp, "-u", "127.0.0.1", "-p", String.valueOf(api.port())));
        if (api.tls()) {
            cliCommand.addAll(List.of("--tls", "--tls-ca-file", api.tlsCertificate().toString()));
        }
        cliCommand.addAll(List.of(args));
        Process cli = new ProcessBuilder(cliCommand).redirectErrorStream(true).start();
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

    /** Freezes it (SIGSTOP): its sockets stay open, nothing answers, as of a hung process. */
    void pause() throws Exception {
        signal("STOP");
    }

    /** Thaws it (SIGCONT). */
    void resume() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).redirectErrorStream(true).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -%s %d", name, process.pid()).isTrue();
    }

    /** Stops it as a router operator would (SIGTERM): it ends its BGP and BMP sessions. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            // A paused gobgpd takes SIGTERM only once thawed.
            new ProcessBuilder("kill", "-CONT", String.valueOf(process.pid())).redirectErrorStream(true).start()
                    .waitFor(10, TimeUnit.SECONDS);
            stop();
        }
    }

    private record Result(int exit, String output) {
    }
}
