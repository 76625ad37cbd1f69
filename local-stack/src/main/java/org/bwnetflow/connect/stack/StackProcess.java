package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One spawned server JVM: stdout and stderr appended to a log file, its pid in a pid file.
 *
 * <p>The command line carries the marker option {@code -Dbwnetflow.stack.pidfile=<pid file>},
 * so a later JVM (e.g. {@code flowstack down}) that finds the pid file can tell our process
 * from an unrelated one that got the same pid after a reboot or crash, and never signals the
 * latter.
 *
 * <p>An <em>attached</em> process is killed when this JVM exits (tests must not leave brokers
 * behind); a <em>detached</em> one ({@code flowstack up}) runs on in its own session.
 */
public final class StackProcess {

    private static final Logger log = LoggerFactory.getLogger(StackProcess.class);

    /** How long {@link #stop()} waits after SIGTERM before it sends SIGKILL. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    static final String PID_FILE_PROPERTY = "bwnetflow.stack.pidfile";

    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Set<StackProcess> ATTACHED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(StackProcess::reapAttached, "stack-process-reaper"));
    }

    private final String role;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private StackProcess(String role, Process process, Path logFile, Path pidFile) {
        this.role = role;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** Starts an attached JVM: it is killed if this JVM exits without stopping it. */
    public static StackProcess start(JvmSpec spec, Path logFile, Path pidFile) {
        return start(spec, logFile, pidFile, false);
    }

    /**
     * Starts a JVM and writes its pid file. With {@code detached} the process gets its own
     * session (via {@code setsid} where available), so it survives this JVM and does not see
     * a Ctrl-C typed into the terminal that started it.
     */
    public static StackProcess start(JvmSpec spec, Path logFile, Path pidFile, boolean detached) {
        return start(spec, Map.of(), logFile, pidFile, detached);
    }

    /**
     * As {@link #start(JvmSpec, Path, Path, boolean)}, with {@code environment} added to the
     * process's environment: how a secret reaches one process without going onto a command line
     * ({@code /proc/<pid>/environ} is readable by the owner only, {@code cmdline} by everyone).
     */
    public static StackProcess start(JvmSpec spec, Map<String, String> environment, Path logFile, Path pidFile,
                                     boolean detached) {
        Objects.requireNonNull(spec, "spec");
        Path logPath = logFile.toAbsolutePath().normalize();
        Path pidPath = pidFile.toAbsolutePath().normalize();
        // The marker goes first so that it is found even in a truncated command line.
        ProcessBuilder builder = spec.withFirstJvmOption(marker(pidPath)).processBuilder();
        builder.environment().putAll(environment);
        if (detached && Files.isExecutable(SETSID)) {
            builder.command().add(0, SETSID.toString());
        }
        try {
            Files.createDirectories(logPath.getParent());
            Files.createDirectories(pidPath.getParent());
            appendHeader(logPath, spec, builder.command());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + logPath + " and " + pidPath, e);
        }
        Process process;
        try {
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logPath.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + spec.role() + " (" + spec.mainClass() + ")", e);
        }
        StackProcess started = new StackProcess(spec.role(), process, logPath, pidPath);
        if (!detached) {
            ATTACHED.add(started);
        }
        try {
            // Servers read no input: give them EOF rather than a pipe to this JVM.
            process.getOutputStream().close();
            writePidFile(pidPath, process.pid());
        } catch (IOException e) {
            started.kill();
            throw new UncheckedIOException("Cannot write pid file " + pidPath + "; stopped " + spec.role(), e);
        }
        log.info("Started {} (pid {}), log {}", spec.role(), process.pid(), logPath);
        return started;
    }

    /**
     * Starts a program that is no JVM (e.g. gobgpd) detached or attached, as {@link #start(JvmSpec, Path, Path,
     * boolean)} does a JVM. Its pid file marker goes last, after {@code --}: programs whose option parser ends options
     * there (Go's go-flags, getopt) take it for an operand they ignore, and {@link #findRunning} finds it.
     */
    public static StackProcess startProgram(String role, List<String> command, Path logFile, Path pidFile,
                                            boolean detached) {
        Path logPath = logFile.toAbsolutePath().normalize();
        Path pidPath = pidFile.toAbsolutePath().normalize();
        List<String> full = new ArrayList<>(command);
        full.add("--");
        full.add(marker(pidPath));
        if (detached && Files.isExecutable(SETSID)) {
            full.add(0, SETSID.toString());
        }
        try {
            Files.createDirectories(logPath.getParent());
            Files.createDirectories(pidPath.getParent());
            Files.writeString(logPath, System.lineSeparator() + "#### " + Instant.now() + " starting " + role + ": "
                    + String.join(" ", full) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + logPath + " and " + pidPath, e);
        }
        Process process;
        try {
            process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logPath.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + role + " (" + command.get(0) + ")", e);
        }
        StackProcess started = new StackProcess(role, process, logPath, pidPath);
        if (!detached) {
            ATTACHED.add(started);
        }
        try {
            process.getOutputStream().close();
            writePidFile(pidPath, process.pid());
        } catch (IOException e) {
            started.kill();
            throw new UncheckedIOException("Cannot write pid file " + pidPath + "; stopped " + role, e);
        }
        log.info("Started {} (pid {}), log {}", role, process.pid(), logPath);
        return started;
    }

    /**
     * Runs a JVM to completion (e.g. a storage format tool), output appended to the log file.
     *
     * @return the exit code
     * @throws StackException if it does not finish within {@code timeout}
     */
    public static int run(JvmSpec spec, Path logFile, Duration timeout) {
        Path logPath = logFile.toAbsolutePath().normalize();
        ProcessBuilder builder = spec.processBuilder();
        Process process = null;
        try {
            Files.createDirectories(logPath.getParent());
            appendHeader(logPath, spec, builder.command());
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logPath.toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException(spec.role() + " did not finish within " + timeout + "; log " + logPath
                        + ":\n" + LogTail.of(logPath, 30));
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + spec.role() + " (" + spec.mainClass() + ")", e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running " + spec.role(), e);
        }
    }

    public String role() {
        return role;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    public Path pidFile() {
        return pidFile;
    }

    /** The exit code, if the process has exited. */
    public OptionalLong exitCode() {
        return process.isAlive() ? OptionalLong.empty() : OptionalLong.of(process.exitValue());
    }

    /** SIGTERM, wait up to {@link #STOP_TIMEOUT} for a clean shutdown, then SIGKILL. */
    public void stop() {
        stop(STOP_TIMEOUT);
    }

    public void stop(Duration timeout) {
        if (process.isAlive()) {
            log.info("Stopping {} (pid {})", role, pid());
            terminate(process.toHandle(), role, timeout);
        }
        forget();
    }

    /** SIGKILL, as in a crash: no clean shutdown. Returns once the process is gone. */
    public void kill() {
        if (process.isAlive()) {
            log.info("Killing {} (pid {})", role, pid());
            process.destroyForcibly();
            awaitExit(process.toHandle(), KILL_WAIT);
        }
        forget();
    }

    private void forget() {
        ATTACHED.remove(this);
        deletePidFileIfOwn(pidFile, pid());
    }

    /** The pid recorded in {@code pidFile}; empty if the file is missing or unreadable. */
    public static OptionalLong readPid(Path pidFile) {
        try {
            String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The process of {@code pidFile} if it is alive <em>and</em> its command line carries this
     * pid file's marker. A reused pid of an unrelated process yields empty.
     */
    public static Optional<ProcessHandle> findRunning(Path pidFile) {
        OptionalLong pid = readPid(pidFile);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        String marker = marker(pidFile.toAbsolutePath().normalize());
        return ProcessHandle.of(pid.getAsLong())
                .filter(ProcessHandle::isAlive)
                .filter(handle -> hasMarker(handle.info(), marker));
    }

    /** Prefers the argument list; falls back to the (possibly truncated) command line string. */
    static boolean hasMarker(ProcessHandle.Info info, String marker) {
        Optional<String[]> args = info.arguments();
        if (args.isPresent()) {
            return List.of(args.get()).contains(marker);
        }
        return info.commandLine().map(line -> line.contains(" " + marker + " ")).orElse(false);
    }

    /**
     * Stops the process recorded in {@code pidFile} (SIGTERM, then SIGKILL after {@code timeout})
     * if it is ours, and removes the pid file. Idempotent.
     *
     * @return whether a running process was stopped
     */
    public static boolean stopByPidFile(Path pidFile, Duration timeout) {
        Optional<ProcessHandle> running = findRunning(pidFile);
        running.ifPresent(handle -> {
            log.info("Stopping pid {} from {}", handle.pid(), pidFile);
            terminate(handle, pidFile.getFileName().toString(), timeout);
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + pidFile, e);
        }
        return running.isPresent();
    }

    static String marker(Path absolutePidFile) {
        return "-D" + PID_FILE_PROPERTY + "=" + absolutePidFile;
    }

    private static void terminate(ProcessHandle handle, String what, Duration timeout) {
        handle.destroy();
        if (!awaitExit(handle, timeout)) {
            log.warn("{} (pid {}) did not stop within {}, killing it", what, handle.pid(), timeout);
            handle.destroyForcibly();
            if (!awaitExit(handle, KILL_WAIT)) {
                throw new StackException(what + " (pid " + handle.pid() + ") survived SIGKILL for " + KILL_WAIT);
            }
        }
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handle.destroyForcibly();
            return false;
        }
    }

    private static void writePidFile(Path pidFile, long pid) throws IOException {
        Path tmp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
        Files.writeString(tmp, pid + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the pid file only if it still names {@code pid}: a newer start may own it now. */
    private static void deletePidFileIfOwn(Path pidFile, long pid) {
        OptionalLong recorded = readPid(pidFile);
        if (recorded.isPresent() && recorded.getAsLong() == pid) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                log.warn("Cannot delete pid file {}: {}", pidFile, e.toString());
            }
        }
    }

    /** Records how the process was started, so it can be rerun by hand when debugging. */
    private static void appendHeader(Path log, JvmSpec spec, List<String> command) throws IOException {
        String header = System.lineSeparator() + "#### " + Instant.now() + " starting " + spec.role() + ": CLASSPATH="
                + spec.classpath() + " " + String.join(" ", command) + System.lineSeparator();
        Files.writeString(log, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Shutdown hook: attached processes must not outlive the JVM that started them. */
    private static void reapAttached() {
        List<StackProcess> alive = new ArrayList<>(ATTACHED);
        alive.forEach(p -> p.process.destroy());
        long deadline = System.nanoTime() + KILL_WAIT.toNanos();
        for (StackProcess p : alive) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.process.destroyForcibly();
            }
            deletePidFileIfOwn(p.pidFile, p.pid());
        }
    }

    @Override
    public String toString() {
        return role + "[pid " + pid() + (isAlive() ? ", alive" : ", exited") + "]";
    }
}
