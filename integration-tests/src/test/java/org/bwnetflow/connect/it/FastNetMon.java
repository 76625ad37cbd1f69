package org.bwnetflow.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bwnetflow.connect.flowctl.testing.Tools;

/**
 * FastNetMon Community (Debian package fastnetmon, 1.2.4 in Debian 12) started by a test as a child process, in
 * the foreground, with everything it writes in the test's directory: its configuration
 * ({@code --configuration_file}), log ({@code --log_file}), networks list, whitelist and the files its
 * {@code fastnetmon_client} would read. Its NetFlow collector listens on a random 127.43.x.y and a free port in
 * 43000-43999; its gRPC API (fixed at 127.0.0.1:50052), Prometheus endpoint (127.0.0.1:9209), usage reports to
 * community-stats.fastnetmon.com and pid file are switched off, so two instances (or a packaged service) do not
 * collide. A ban, an unban or attack details call the notify script the fixture writes, which appends
 * {@code <epoch ms> <ip> <action> <direction> <pps>} to {@code notify.log}. Left alone: the attack details files
 * 1.2.4 writes to the fixed {@code /var/log/fastnetmon_attacks} (it logs "Can't print attack details to file"
 * when the folder is missing, as it is unless created by hand) and a crash's stack trace, which it writes to
 * {@code /var/log/fastnetmon_backtrace.dump} and reads (and deletes) at its next start. It needs no root.
 */
final class FastNetMon implements AutoCloseable {

    /**
     * Per-host thresholds, each 0 for off: packets/s, Mbit/s and flows/s (flows need connection tracking, which
     * the fixture switches on only then), over FastNetMon's exponential moving average of
     * {@code averageSeconds} (its {@code average_calculation_time}; recalculated every second).
     */
    record Thresholds(long pps, long mbps, long flows, int averageSeconds) {
    }

    /** One call of the notify script. */
    record Notification(long epochMillis, String ip, String action, String direction, long pps) {
    }

    /** A line of what FastNetMon shows (its {@code cli_stats_file_path}): an address, or a total such as "Incoming traffic". */
    record Rate(String what, long pps, long mbps, long flows, boolean banned) {
    }

    private static final Pattern RATE = Pattern.compile(
            "^(\\S+(?: traffic)?)\\s+(\\d+) pps\\s+(\\d+) mbps\\s+(\\d+) flows(.*)$");
    private static final int ATTEMPTS = 5;

    private final Process process;
    private final Path dir;
    private final InetSocketAddress netflow;
    private final Thread shutdownHook;

    private FastNetMon(Process process, Path dir, InetSocketAddress netflow) {
        this.process = process;
        this.dir = dir;
        this.netflow = netflow;
        // Never left running: a JVM that ends without close (killed by failsafe's timeout, Ctrl-C) kills it on its way.
        this.shutdownHook = new Thread(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }, "fastnetmon-" + process.pid() + "-killer");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts FastNetMon watching {@code networks} (CIDRs: the protected prefixes; each IPv4 prefix costs about
     * 700 bytes per address, so keep them small, e.g. /20) with {@code thresholds}, and waits until its NetFlow
     * socket is bound. Fails when the package is missing, when it exits, or when it cannot bind.
     */
    static FastNetMon start(Path dir, List<String> networks, Thresholds thresholds) throws Exception {
        String binary = Tools.require("fastnetmon", "fastnetmon");
        Files.createDirectories(dir);
        Files.write(dir.resolve("networks_list"), networks);
        Files.writeString(dir.resolve("networks_whitelist"), "");
        Path script = dir.resolve("notify.sh");
        Files.writeString(script, notifyScript(dir));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("notify.log"), "");
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String host = "127.43." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            int port = 43_000 + random.nextInt(1_000);
            if (UdpSockets.bound(port)) {
                continue;
            }
            Files.writeString(dir.resolve("fastnetmon.conf"), config(dir, host, port, thresholds));
            Path log = dir.resolve("fastnetmon.log");
            Files.deleteIfExists(log);
            Process process = new ProcessBuilder(binary, "--configuration_file", dir.resolve("fastnetmon.conf").toString(),
                    "--log_file", log.toString(), "--disable_pid_logic").directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("fastnetmon.out").toFile()).start();
            FastNetMon started = new FastNetMon(process, dir, new InetSocketAddress(host, port));
            String failure = started.awaitListening();
            if (failure == null) {
                return started;
            }
            started.close();
            failures.add(failure);
        }
        throw new AssertionError("FastNetMon did not listen for NetFlow in " + ATTEMPTS + " attempts: " + failures);
    }

    /** Where FastNetMon's NetFlow collector listens. */
    InetSocketAddress netflow() {
        return netflow;
    }

    /** {@code flowctl generate --target}'s value for the collector. */
    String target() {
        return netflow.getHostString() + ":" + netflow.getPort();
    }

    /** Every call of the notify script so far. */
    List<Notification> notifications() throws IOException {
        List<Notification> calls = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("notify.log"))) {
            String[] f = line.trim().split(" ");
            if (f.length == 5) {
                calls.add(new Notification(Long.parseLong(f[0]), f[1], f[2], f[3], Long.parseLong(f[4])));
            }
        }
        return calls;
    }

    /** The first ban of {@code ip}, waiting up to {@code seconds} for it. */
    Optional<Notification> awaitBan(String ip, long seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Optional<Notification> ban = notifications().stream().filter(n -> n.ip().equals(ip) && n.action().equals("ban"))
                    .findFirst();
            if (ban.isPresent() || System.nanoTime() > deadline) {
                return ban;
            }
            assertAlive();
            Thread.sleep(50);
        }
    }

    /**
     * The attack type FastNetMon gave the first ban of {@code ip} ("udp_flood", "syn_flood", ...: the details it
     * passed the notify script on stdin), if there was one.
     */
    Optional<String> attackType(String ip) throws IOException {
        Path details = dir.resolve("attack-details.txt");
        if (!Files.exists(details)) {
            return Optional.empty();
        }
        boolean inBan = false;
        for (String line : Files.readAllLines(details)) {
            if (line.startsWith("== ")) {
                inBan = line.endsWith(" " + ip + " ban");
            } else if (inBan && line.startsWith("Attack type: ")) {
                return Optional.of(line.substring("Attack type: ".length()).trim());
            }
        }
        return Optional.empty();
    }

    /**
     * What FastNetMon shows now (rewritten every second): the totals ("Incoming traffic", "Outgoing traffic", ...)
     * and the hosts with the highest packet rates per direction, incoming first.
     */
    List<Rate> rates() throws IOException {
        Path file = dir.resolve("fastnetmon.dat");
        List<Rate> rates = new ArrayList<>();
        if (!Files.exists(file)) {
            return rates;
        }
        for (String line : Files.readAllLines(file)) {
            Matcher m = RATE.matcher(line.trim().replace('\t', ' '));
            if (m.matches()) {
                rates.add(new Rate(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)), m.group(5).contains("banned")));
            }
        }
        return rates;
    }

    String log() throws IOException {
        Path log = dir.resolve("fastnetmon.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    void assertAlive() throws IOException {
        if (!process.isAlive()) {
            throw new AssertionError("fastnetmon exited (" + process.exitValue() + "): " + log()
                    + Files.readString(dir.resolve("fastnetmon.out")));
        }
    }

    /** SIGTERM (it has no handler for it and ends at once), then SIGKILL if it is still there after 10 s; scripts too. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        boolean interrupted = false;
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
            process.onExit().join();
        }
        children.forEach(ProcessHandle::destroyForcibly);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs anyway, on a process that is gone
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (process.isAlive()) {
            throw new AssertionError("fastnetmon (pid " + process.pid() + ") survived SIGKILL");
        }
    }

    /** Null once the process holds its NetFlow socket; else why not (it exited, or logged that it cannot bind). */
    private String awaitListening() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String log = log();
            if (!process.isAlive()) {
                return "exited " + process.exitValue() + ": " + log + Files.readString(dir.resolve("fastnetmon.out"));
            }
            if (log.contains("Can't listen on port")) {
                return log.lines().filter(l -> l.contains("Can't listen")).findFirst().orElse(log);
            }
            if (UdpSockets.ownedBy(process.pid(), netflow)) {
                return null;
            }
            Thread.sleep(100);
        }
        return "its NetFlow socket " + target() + " was not bound within 20 s: " + log();
    }

    private static String notifyScript(Path dir) {
        Path notifyLog = dir.resolve("notify.log");
        Path details = dir.resolve("attack-details.txt");
        // Arguments: ip, direction, pps, action (ban, unban, attack_details). The time first, before the details
        // on stdin of ban and attack_details, which must be read (FastNetMon writes them into a pipe).
        return String.join("\n",
                "#!/bin/sh",
                "now=$(date +%s%3N)",
                "echo \"$now $1 $4 $2 $3\" >> '" + notifyLog + "'",
                "if [ \"$4\" != unban ]; then",
                "  { echo \"== $now $1 $4\"; cat; } >> '" + details + "'",
                "fi",
                "");
    }

    private static String config(Path dir, String host, int port, Thresholds t) {
        boolean flows = t.flows() > 0;
        return String.join("\n",
                "logging_level = info",
                "logging_local_syslog_logging = off",
                "logging_remote_syslog_logging = off",
                "disable_usage_report = on",
                "enable_api = off",
                "prometheus = off",
                "pid_path = " + dir.resolve("fastnetmon.pid"),
                "cli_stats_file_path = " + dir.resolve("fastnetmon.dat"),
                "cli_stats_ipv6_file_path = " + dir.resolve("fastnetmon_ipv6.dat"),
                "sort_parameter = packets",
                "max_ips_in_list = 7",
                "check_period = 1",
                "networks_list_path = " + dir.resolve("networks_list"),
                "white_list_path = " + dir.resolve("networks_whitelist"),
                "monitor_local_ip_addresses = off",
                "monitor_openvz_vps_ip_addresses = off",
                "process_incoming_traffic = on",
                "process_outgoing_traffic = on",
                "enable_connection_tracking = " + (flows ? "on" : "off"),
                "enable_ban = on",
                "enable_ban_ipv6 = on",
                "ban_time = 60",
                "unban_only_if_attack_finished = on",
                "ban_details_records_count = 20",
                "ban_for_pps = " + onOff(t.pps() > 0),
                "threshold_pps = " + Math.max(1, t.pps()),
                "ban_for_bandwidth = " + onOff(t.mbps() > 0),
                "threshold_mbps = " + Math.max(1, t.mbps()),
                "ban_for_flows = " + onOff(flows),
                "threshold_flows = " + Math.max(1, t.flows()),
                "average_calculation_time = " + t.averageSeconds(),
                "speed_calculation_delay = 1",
                "netflow = on",
                "netflow_host = " + host,
                "netflow_port = " + port,
                "netflow_sampling_ratio = 1",
                "sflow = off",
                "pcap = off",
                "mirror_afpacket = off",
                "mirror_afxdp = off",
                "mirror_netmap = off",
                "collect_attack_pcap_dumps = off",
                "notify_script_path = " + dir.resolve("notify.sh"),
                "exabgp = off",
                "gobgp = off",
                "redis_enabled = off",
                "mongodb_enabled = off",
                "influxdb = off",
                "graphite = off",
                "kafka_traffic_export = off",
                "");
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** Linux's table of UDP sockets ({@code /proc/net/udp}) and the sockets a process holds. */
    private static final class UdpSockets {

        private UdpSockets() {
        }

        /** Whether any IPv4 UDP socket is bound to {@code port}, on any address. */
        static boolean bound(int port) throws IOException {
            String hexPort = String.format(":%04X", port);
            return Files.readAllLines(Path.of("/proc/net/udp")).stream().skip(1)
                    .anyMatch(line -> line.trim().split("\\s+")[1].endsWith(hexPort));
        }

        /** Whether process {@code pid} holds the UDP socket bound to {@code address}. */
        static boolean ownedBy(long pid, InetSocketAddress address) throws IOException {
            byte[] a = address.getAddress().getAddress();
            // The address as the kernel prints it: the 32-bit word in host (little-endian) order.
            String local = String.format("%02X%02X%02X%02X:%04X", a[3] & 0xff, a[2] & 0xff, a[1] & 0xff, a[0] & 0xff,
                    address.getPort());
            Optional<String> inode = Files.readAllLines(Path.of("/proc/net/udp")).stream().skip(1)
                    .map(line -> line.trim().split("\\s+")).filter(f -> f[1].equals(local)).map(f -> f[9]).findFirst();
            if (inode.isEmpty()) {
                return false;
            }
            String socket = "socket:[" + inode.get() + "]";
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                return fds.anyMatch(fd -> {
                    try {
                        return Files.readSymbolicLink(fd).toString().equals(socket);
                    } catch (IOException e) {
                        return false; // closed meanwhile
                    }
                });
            } catch (UncheckedIOException | IOException e) {
                return false; // the process is gone
            }
        }
    }
}
