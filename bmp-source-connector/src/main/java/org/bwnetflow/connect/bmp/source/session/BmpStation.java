package org.bwnetflow.connect.bmp.source.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.bwnetflow.connect.bmp.decode.MalformedBmpException;
import org.bwnetflow.connect.bmp.source.rib.RibKeeper;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BMP station: a TCP listener the routers connect to, one {@link RouterSession} per router.
 *
 * <p>One NIO selector thread serves every session, and it alone touches the {@link RibKeeper}:
 * a few dozen routers send a full table once and then a trickle, so one thread keeps up, needs no
 * locks around the RIB, and lets backpressure be one decision — when the queue to poll() is full
 * the thread reads no socket (TCP's window then slows the routers) until it drains; nothing is
 * dropped. What one read completes (a 64 KiB read, at most a few BGP UPDATEs) and one round of
 * waiting tombstones may go beyond the queue's capacity; nothing more does.
 *
 * <p>Connections from addresses outside the allowlist, and beyond the most connections, are
 * closed before a byte is read, and counted. A malformed stream closes its session (counted,
 * logged without its bytes); the station and the task go on.
 */
public final class BmpStation implements Runnable, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BmpStation.class);
    private static final long TICK_MILLIS = 200;
    private static final int READ_BYTES = 64 * 1024;
    /** Most waiting tombstones (Peer Down, sweeps, routers gone) written per round of the loop, while the queue has room. */
    private static final int TOMBSTONES_PER_ROUND = 10_000;

    private final InetSocketAddress bindAddress;
    private final Predicate<InetAddress> allowlist;
    private final int maxConnections;
    private final SessionFactory sessions;
    private final RibKeeper keeper;
    private final StationCounters counters;
    private final BooleanSupplier outputFull;
    private final LongSupplier clock;
    private final Map<String, SelectionKey> open = new HashMap<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BYTES);
    private final RateLimitedLog refusedLog = new RateLimitedLog(60_000);
    private Selector selector;
    private ServerSocketChannel server;
    private Thread thread;
    private volatile boolean running;
    private volatile int connectionsOpen;
    private volatile Throwable failure;
    private boolean paused;

    /** Makes the session of a router that connected; the station's thread calls it. */
    public interface SessionFactory {
        RouterSession open(InetAddress router);
    }

    public BmpStation(InetSocketAddress bindAddress, Predicate<InetAddress> allowlist, int maxConnections,
            SessionFactory sessions, RibKeeper keeper, StationCounters counters, BooleanSupplier outputFull,
            LongSupplier clock) {
        this.bindAddress = bindAddress;
        this.allowlist = allowlist;
        this.maxConnections = maxConnections;
        this.sessions = sessions;
        this.keeper = keeper;
        this.counters = counters;
        this.outputFull = outputFull;
        this.clock = clock;
    }

    /** Binds the port and starts the thread; an IOException (port taken, bad address) leaves nothing open. */
    public void start(String threadName) throws IOException {
        selector = Selector.open();
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(bindAddress);
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            closeQuietly(server);
            closeQuietly(selector);
            throw e;
        }
        running = true;
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** The port bound (the one asked for, or the kernel's choice for port 0). */
    public int port() {
        return server.socket().getLocalPort();
    }

    public int connectionsOpen() {
        return connectionsOpen;
    }

    /** What stopped the station's thread, or null while it runs as it should. */
    public Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        try {
            while (running) {
                selector.select(TICK_MILLIS);
                for (SelectionKey key : List.copyOf(selector.selectedKeys())) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                applyBackpressure();
                keeper.expire(clock.getAsLong(), outputFull.getAsBoolean() ? 0 : TOMBSTONES_PER_ROUND);
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            log.error("BMP station on {} stopped: {}", bindAddress, e.toString(), e);
        } finally {
            closeAll();
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
        } else if (key.isReadable()) {
            if (outputFull.getAsBoolean()) {
                applyBackpressure();
            } else {
                read(key);
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        InetAddress router = Addresses.unmapped(
                ((InetSocketAddress) channel.getRemoteAddress()).getAddress());
        if (!allowlist.test(router)) {
            counters.refusedNotAllowed.increment();
            refuse(channel, router, "not in the allowlist");
            return;
        }
        SelectionKey previous = open.get(router.getHostAddress());
        if (previous != null) {
            // The router reconnected before we saw its old connection end: the new one is its session now.
            counters.replacedByReconnect.increment();
            close(previous, "replaced by a new connection from the same router");
        }
        if (open.size() >= maxConnections) {
            counters.refusedLimit.increment();
            refuse(channel, router, "beyond the most connections, " + maxConnections);
            return;
        }
        channel.configureBlocking(false);
        RouterSession session = sessions.open(router);
        SelectionKey key = channel.register(selector, paused ? 0 : SelectionKey.OP_READ, session);
        open.put(router.getHostAddress(), key);
        connectionsOpen = open.size();
        counters.accepted.increment();
        log.info("BMP session of router {} began", router.getHostAddress());
    }

    private void refuse(SocketChannel channel, InetAddress router, String why) {
        closeQuietly(channel);
        if (refusedLog.shouldLog()) {
            log.warn("BMP connection from {} closed: {} ({} more refused connections not logged)",
                    router.getHostAddress(), why, refusedLog.takeSuppressed());
        }
    }

    private void read(SelectionKey key) {
        RouterSession session = (RouterSession) key.attachment();
        readBuffer.clear();
        int n;
        try {
            n = ((SocketChannel) key.channel()).read(readBuffer);
        } catch (IOException e) {
            close(key, "read failed: " + e.getMessage());
            return;
        }
        if (n < 0) {
            counters.closedByRouter.increment();
            close(key, "the router closed the connection");
            return;
        }
        counters.bytesRead.add(n);
        try {
            session.accept(readBuffer.array(), 0, n);
        } catch (MalformedBmpException e) {
            counters.closedMalformed.increment();
            close(key, "malformed BMP: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            // A decoder bug must cost one session, not the task; the stack trace helps fix it.
            counters.closedMalformed.increment();
            log.error("BMP session of router {}: unexpected failure decoding its stream", session.describe(), e);
            close(key, "decoding failed: " + e);
            return;
        }
        if (session.terminated()) {
            close(key, "the router sent Termination");
        }
    }

    private void applyBackpressure() {
        boolean full = outputFull.getAsBoolean();
        if (full != paused) {
            paused = full;
            if (full) {
                counters.pauses.increment();
            }
            for (SelectionKey key : open.values()) {
                if (key.isValid()) {
                    key.interestOps(full ? 0 : SelectionKey.OP_READ);
                }
            }
        }
    }

    private void close(SelectionKey key, String why) {
        RouterSession session = (RouterSession) key.attachment();
        key.cancel();
        closeQuietly(key.channel());
        open.remove(session.rib().name(), key);
        connectionsOpen = open.size();
        keeper.sessionEnded(session.rib(), clock.getAsLong());
        log.info("BMP session of router {} ended: {}; its {} routes are kept for the grace", session.describe(), why,
                session.rib().routesHeld());
    }

    @Override
    public void close() {
        running = false;
        if (selector != null) {
            selector.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeAll() {
        for (SelectionKey key : open.values()) {
            closeQuietly(key.channel());
        }
        open.clear();
        connectionsOpen = 0;
        closeQuietly(server);
        closeQuietly(selector);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("closing {}: {}", closeable, e.toString());
        }
    }
}
