package org.bwnetflow.connect.enrich.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.lang.ref.SoftReference;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what is loaded from a file (a prefix table, a database reader) current: a daemon thread
 * looks at the file's modification time and size every interval and, when they changed, loads it
 * anew off the transform's thread; the new value is swapped in atomically. A file that does not
 * load keeps the old value: the failure is logged once per version of the file and counted.
 *
 * <p>Loads are shared within the worker: every task (and the REST validation before them) that
 * asks for the same key and file version gets the same immutable value, loaded once. A fresh load
 * is handed at once to every open reloader of the key that reloads at all (every task of the
 * worker using the file), so that none keeps the old value until its own next check: the peak during a reload is the old
 * value, the new one and the loader's scratch, while the new one loads; right after the swap the
 * old one is garbage.
 *
 * @param <T> what the file loads into
 */
public final class FileReloader<T> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileReloader.class);

    /** Loads a file; its exception message says what is wrong (and where). */
    @FunctionalInterface
    public interface Loader<T> {
        T load(Path file) throws Exception;
    }

    private static final Map<String, Shared> SHARED = new ConcurrentHashMap<>();
    private static final Map<String, Object> LOCKS = new ConcurrentHashMap<>();
    /** The open reloaders by key, to hand a fresh load to all of them at once. */
    private static final Map<String, Set<FileReloader<?>>> OPEN = new ConcurrentHashMap<>();

    private final String key;
    private final Path file;
    private final Loader<T> loader;
    private final String what;
    private final LongAdder reloads;
    private final LongAdder reloadErrors;
    private final ScheduledExecutorService scheduler;
    private volatile T current;
    private Object version;
    private Object failedVersion;

    /**
     * Loads the file now (its exception propagates: a file that cannot be loaded at start is a
     * config error) and checks it again every {@code intervalMillis} (0: never).
     */
    public FileReloader(String key, Path file, Loader<T> loader, String what, long intervalMillis, LongAdder reloads,
            LongAdder reloadErrors) throws Exception {
        this.key = key;
        this.file = file;
        this.loader = loader;
        this.what = what;
        this.reloads = reloads;
        this.reloadErrors = reloadErrors;
        this.version = version(file);
        this.current = loadShared(key, file, loader);
        if (intervalMillis > 0) { // one that never reloads keeps what it loaded
            OPEN.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(this);
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "bwnetflow-reload-" + file.getFileName());
                thread.setDaemon(true);
                return thread;
            });
            scheduler.scheduleWithFixedDelay(this::check, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        } else {
            scheduler = null;
        }
    }

    /** What was loaded last. */
    public T current() {
        return current;
    }

    /** Checks the file now (the daemon thread does this every interval). */
    public synchronized void check() {
        Object now;
        try {
            now = version(file);
        } catch (IOException e) {
            now = "unreadable: " + e;
        }
        if (now.equals(version) || now.equals(failedVersion)) {
            return;
        }
        try {
            T loaded = loadShared(key, file, loader);
            current = loaded;
            version = now;
            failedVersion = null;
            reloads.increment();
            log.info("Reloaded {} from {}", what, file);
        } catch (Exception e) {
            failedVersion = now;
            reloadErrors.increment();
            log.warn("Cannot reload {} from {}, keeping the one loaded before: {}", what, file, e.getMessage());
        }
    }

    /**
     * Loads the file, or returns what was loaded from this version of it before under the same key
     * (the key names what is loaded and how, e.g. the kind and options). Held softly.
     */
    @SuppressWarnings("unchecked")
    public static <T> T loadShared(String key, Path file, Loader<T> loader) throws Exception {
        synchronized (LOCKS.computeIfAbsent(key, k -> new Object())) {
            Object version = version(file);
            Shared shared = SHARED.get(key);
            Object value = shared != null && shared.version.equals(version) ? shared.value.get() : null;
            if (value == null) {
                value = loader.load(file);
                SHARED.put(key, new Shared(version, new SoftReference<>(value)));
                for (FileReloader<?> open : OPEN.getOrDefault(key, Set.of())) {
                    open.adopt(value); // each still counts and logs the reload at its own next check
                }
            }
            return (T) value;
        }
    }

    @SuppressWarnings("unchecked")
    private void adopt(Object value) {
        current = (T) value; // loaded by the same key, so the same kind of value
    }

    private static Object version(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return attributes.lastModifiedTime().toMillis() + "/" + attributes.size();
    }

    private static final class Shared {
        final Object version;
        final SoftReference<Object> value;

        Shared(Object version, SoftReference<Object> value) {
            this.version = version;
            this.value = value;
        }
    }

    @Override
    public void close() {
        OPEN.computeIfPresent(key, (k, open) -> {
            open.remove(this);
            return open.isEmpty() ? null : open;
        });
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
