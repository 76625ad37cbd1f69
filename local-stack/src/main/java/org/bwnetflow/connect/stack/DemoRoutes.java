package org.bwnetflow.connect.stack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * The BGP side of {@code up --demo}: a gobgpd (Debian package gobgpd) as a stack process, pid file
 * {@code pids/gobgpd.pid}, log {@code logs/gobgpd.log}, that holds a routing table for the demo traffic's remote
 * addresses and reports it over BMP to the shipped BMP source connector (127.0.0.1:{@value #BMP_PORT}); the Routes
 * transform of the shipped NetFlow and sFlow sources then gives the demo flows their AS paths and communities.
 *
 * <p>The router has AS {@value #ROUTER_AS} (the local AS of {@code flowctl generate}'s flows) and no BGP neighbours
 * (it does not even listen for BGP): its routes are added to its table with {@code gobgp global rib add}, as if learnt
 * from two transit providers, two peers and a customer, each tagged with a community of the router's ({@code
 * 64500:300} transit, {@code :200} peer, {@code :100} customer) and large communities naming the neighbour AS and a
 * region. They cover what {@code flowctl generate} talks to: 198.51.100.0/24, 203.0.113.0/24, 198.18.0.0/15 and
 * 3fff::/16. gobgpd's BMP session comes from 127.0.0.1 whatever its router id: the shipped sources map exporters
 * without a table of their own to that router ({@code routes.default.router}).
 */
final class DemoRoutes {

    /** bmp.port of connect-configs/connectors/bmp-source.json. */
    static final int BMP_PORT = 11019;
    static final long ROUTER_AS = 64_500;
    static final String ROUTER_ID = "192.0.2.254";
    static final String INSTALL_HINT = "install the Debian package gobgpd (sudo apt-get install gobgpd; bin/test-all "
            + "installs it too)";

    private static final long START_TIMEOUT_MS = 15_000;
    private static final long CLI_TIMEOUT_SECONDS = 30;

    /** A neighbour the routes are learnt from: its AS, next hops and the router's community for its kind. */
    private record Neighbour(long as, String kind, int community, String nextHop4, String nextHop6) {
    }

    private static final Neighbour TRANSIT_A = new Neighbour(64_510, "transit", 300, "192.0.2.10", "2001:db8::10");
    private static final Neighbour TRANSIT_B = new Neighbour(64_511, "transit", 300, "192.0.2.11", "2001:db8::11");
    private static final Neighbour PEER_A = new Neighbour(64_502, "peer", 200, "192.0.2.2", "2001:db8::2");
    private static final Neighbour PEER_B = new Neighbour(64_503, "peer", 200, "192.0.2.3", "2001:db8::3");
    private static final Neighbour CUSTOMER = new Neighbour(64_505, "customer", 100, "192.0.2.5", "2001:db8::5");
    private static final List<Neighbour> ROTATION = List.of(TRANSIT_A, TRANSIT_B, PEER_A, PEER_B, TRANSIT_A, TRANSIT_B,
            CUSTOMER);
    /** Origin ASes: the documentation ranges of RFC 5398 (16 and 32 bit). */
    private static final long[] ORIGINS = {64_496, 64_497, 64_498, 64_499, 65_536, 65_537, 65_538, 65_539, 65_540};
    /** Transit ASes between a transit provider and the origin. */
    private static final long[] MIDDLE = {64_501, 64_504, 65_550, 65_551};

    /** One route as {@code gobgp global rib add} takes it. */
    record Route(String prefix, long[] asPath, Neighbour from, long region) {

        boolean ipv6() {
            return prefix.contains(":");
        }

        List<String> cliArgs() {
            return List.of("global", "rib", "add", prefix, "-a", ipv6() ? "ipv6" : "ipv4",
                    "origin", "igp", "aspath", LongStream.of(asPath).mapToObj(Long::toString).collect(Collectors.joining(",")),
                    "community", ROUTER_AS + ":" + from.community(),
                    "large-community", ROUTER_AS + ":1:" + from.as() + "," + ROUTER_AS + ":2:" + region,
                    "nexthop", ipv6() ? from.nextHop6() : from.nextHop4());
        }
    }

    private DemoRoutes() {
    }

    /** The demo's routes: 52, covering every remote address of {@code flowctl generate}. */
    static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("198.51.100.0/24", new long[] {PEER_A.as(), 64_496}, PEER_A, 1));
        routes.add(new Route("203.0.113.0/24", new long[] {CUSTOMER.as(), CUSTOMER.as(), 64_497}, CUSTOMER, 1));
        routes.add(new Route("198.18.0.0/15", new long[] {TRANSIT_A.as(), 64_501, 64_499}, TRANSIT_A, 2));
        for (int i = 0; i < 32; i++) {
            String prefix = "198." + (18 + i / 16) + "." + (i % 16) * 16 + ".0/20";
            routes.add(new Route(prefix, path(i), ROTATION.get(i % ROTATION.size()), 1 + i % 3));
        }
        routes.add(new Route("3fff::/16", new long[] {TRANSIT_B.as(), 65_550, 65_536}, TRANSIT_B, 2));
        for (int i = 0; i < 16; i++) {
            String prefix = "3fff:" + Integer.toHexString(i) + "000::/20";
            routes.add(new Route(prefix, path(i + 3), ROTATION.get((i + 3) % ROTATION.size()), 1 + i % 3));
        }
        return routes;
    }

    /** A path from the rotation's neighbour: transit adds one or two ASes before the origin, others are direct. */
    private static long[] path(int i) {
        Neighbour from = ROTATION.get(i % ROTATION.size());
        long origin = ORIGINS[i % ORIGINS.length];
        if (from.kind().equals("transit")) {
            return i % 2 == 0 ? new long[] {from.as(), MIDDLE[i % MIDDLE.length], origin}
                    : new long[] {from.as(), MIDDLE[i % MIDDLE.length], MIDDLE[(i + 1) % MIDDLE.length], origin};
        }
        return new long[] {from.as(), origin};
    }

    /** gobgpd and its CLI, or a StackException saying which package to install. */
    static Tools requireInstalled() {
        Optional<Path> daemon = onPath("gobgpd");
        Optional<Path> cli = onPath("gobgp");
        if (daemon.isEmpty() || cli.isEmpty()) {
            throw new StackException("--demo starts gobgpd (a BGP speaker that feeds the demo routes over BMP), but "
                    + (daemon.isEmpty() ? "gobgpd" : "gobgp") + " is not on the PATH: " + INSTALL_HINT);
        }
        return new Tools(daemon.get(), cli.get());
    }

    /** The two programs of the Debian package gobgpd. */
    record Tools(Path daemon, Path cli) {
    }

    static Optional<ProcessHandle> running(StackLayout layout) {
        return StackProcess.findRunning(layout.gobgpdPidFile());
    }

    /** What {@link #start} did. */
    record Started(long pid, int routes, boolean alreadyRunning) {
    }

    /**
     * Starts gobgpd unless it runs, waits for its API and adds the routes (a running one keeps the table it has).
     */
    static Started start(StackLayout layout, Tools tools) {
        Optional<ProcessHandle> running = running(layout);
        if (running.isPresent()) {
            return new Started(running.get().pid(), 0, true);
        }
        int apiPort = FreePorts.tcp();
        Path config = layout.gobgpdDir().resolve("gobgpd.toml");
        try {
            Files.createDirectories(layout.gobgpdDir());
            Files.writeString(config, toml(BMP_PORT));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + config, e);
        }
        StackProcess process = StackProcess.startProgram("gobgpd", List.of(tools.daemon().toString(), "-f",
                config.toString(), "-t", "toml", "--api-hosts", BrokerSettings.HOST + ":" + apiPort, "--log-plain",
                "--pprof-disable"), layout.gobgpdLog(), layout.gobgpdPidFile(), true);
        awaitApi(process, tools, apiPort, layout);
        List<Route> routes = routes();
        for (Route route : routes) {
            Cli result = cli(tools, apiPort, route.cliArgs());
            if (result.exit() != 0) {
                throw new StackException("gobgp " + String.join(" ", route.cliArgs()) + " failed: " + result.output());
            }
        }
        return new Started(process.pid(), routes.size(), false);
    }

    /** No BGP listener ({@code port = -1}), no neighbours; one BMP station, every table. */
    static String toml(int bmpPort) {
        return "# flowstack up --demo: the demo router. Its routes are added with gobgp global rib add.\n"
                + "[global.config]\n  as = " + ROUTER_AS + "\n  router-id = \"" + ROUTER_ID + "\"\n  port = -1\n"
                + "[[bmp-servers]]\n  [bmp-servers.config]\n    address = \"" + BrokerSettings.HOST + "\"\n    port = "
                + bmpPort + "\n    route-monitoring-policy = \"all\"\n";
    }

    private static void awaitApi(StackProcess process, Tools tools, int apiPort, StackLayout layout) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (true) {
            if (!process.isAlive()) {
                throw new StackException("gobgpd exited at start; log " + layout.gobgpdLog() + ":\n"
                        + LogTail.of(layout.gobgpdLog(), 20));
            }
            if (cli(tools, apiPort, List.of("global")).exit() == 0) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                process.stop();
                throw new StackException("gobgpd's API did not answer within " + START_TIMEOUT_MS / 1000 + " s; log "
                        + layout.gobgpdLog() + ":\n" + LogTail.of(layout.gobgpdLog(), 20));
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for gobgpd", e);
            }
        }
    }

    private record Cli(int exit, String output) {
    }

    private static Cli cli(Tools tools, int apiPort, List<String> args) {
        List<String> command = new ArrayList<>(List.of(tools.cli().toString(), "-u", BrokerSettings.HOST, "-p",
                Integer.toString(apiPort)));
        command.addAll(args);
        try {
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            cli.getOutputStream().close();
            String output;
            try (InputStream in = cli.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!cli.waitFor(CLI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                cli.destroyForcibly();
                return new Cli(-1, "timed out");
            }
            return new Cli(cli.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + tools.cli(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while running gobgp", e);
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
