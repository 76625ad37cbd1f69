package org.bwnetflow.connect.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system) of a process and all its descendants, from /proc (Linux). pmacct
 * forks its plugins, so a collector's CPU is its whole process tree.
 */
final class ProcessCpu {

    /** USER_HZ: the unit of /proc/PID/stat times; 100 on every Linux we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final long pid;

    ProcessCpu(long pid) {
        this.pid = pid;
    }

    long pid() {
        return pid;
    }

    double seconds() {
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Paths.get("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long[] stat = stat(Long.parseLong(name));
                    if (stat != null && isInTree(stat[0])) {
                        ticks += stat[2] + stat[3];
                    }
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /** Resident memory of the tree, bytes. */
    long residentBytes() {
        long kb = 0;
        try (Stream<Path> procs = Files.list(Paths.get("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit) && isInTree(Long.parseLong(name))) {
                    kb += rssKb(proc);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return kb * 1024;
    }

    private boolean isInTree(long candidate) {
        long p = candidate;
        for (int depth = 0; depth < 16 && p > 1; depth++) {
            if (p == pid) {
                return true;
            }
            long[] stat = stat(p);
            if (stat == null) {
                return false;
            }
            p = stat[1];
        }
        return false;
    }

    /** {pid, ppid, utime, stime} of a process, or null if it is gone. */
    private static long[] stat(long pid) {
        try {
            String line = Files.readString(Paths.get("/proc", Long.toString(pid), "stat"));
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // after "(comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
            return new long[] {pid, Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long rssKb(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return 0;
    }
}
