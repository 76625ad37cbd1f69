package org.bwnetflow.connect.netflow.source;

import org.bwnetflow.connect.model.logging.RateLimitedLog;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receiver threads, one SO_REUSEPORT socket each, that move datagrams from allowed exporters
 * into a bounded queue. Nothing is decoded here: receiving stays fast and the decoder state
 * stays single-threaded in poll(). A thread that dies leaves its cause in {@link #failure()},
 * which fails the task: a task never goes on deaf.
 */
final class UdpReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpReceiver.class);
    private static final int MAX_DATAGRAM = 65_535;

    private final InetSocketAddress bindAddress;
    private final int threads;
    private final int receiveBufferBytes;
    private final Predicate<InetAddress> allowlist;
    private final String allowlistText;
    private final DatagramQueue queue;
    private final RateLimitedLog receiveFailureLog = new RateLimitedLog(60_000);
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    private volatile int effectiveReceiveBufferBytes;
    private volatile Throwable failure;
    private volatile String failedThread;

    // Shared by the receiver threads: LongAdders, not contended atomics.
    final LongAdder datagramsReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder datagramsNotAllowed = new LongAdder();

    UdpReceiver(InetSocketAddress bindAddress, int threads, int receiveBufferBytes, Predicate<InetAddress> allowlist,
            DatagramQueue queue) {
        this.bindAddress = bindAddress;
        this.threads = threads;
        this.receiveBufferBytes = receiveBufferBytes;
        this.allowlist = allowlist;
        this.allowlistText = allowlist.toString();
        this.queue = queue;
    }

    /** Why a receiver thread stopped while it should have been running; null while all are well. */
    Throwable failure() {
        return failure;
    }

    /** The name of the thread that failed, for the task's error message. */
    String failedThread() {
        return failedThread;
    }

    /** Binds every socket (failing fast if the port is taken) and starts the threads. */
    void start(String threadNamePrefix) throws IOException {
        running = true;
        try {
            for (int i = 0; i < threads; i++) {
                channels.add(open());
            }
        } catch (IOException e) {
            close();
            throw new IOException("cannot bind UDP " + bindAddress + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < channels.size(); i++) {
            DatagramChannel channel = channels.get(i);
            Thread thread = new Thread(() -> guardedReceiveLoop(channel), threadNamePrefix + "-receiver-" + i);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
        log.info("Receiving NetFlow/IPFIX on udp {} with {} socket(s), receive buffer {} bytes (requested {}), "
                + "exporters allowed: {}", bindAddress, threads, effectiveReceiveBufferBytes, receiveBufferBytes,
                allowlistText);
        if (effectiveReceiveBufferBytes < receiveBufferBytes) {
            log.warn("The kernel granted a {} byte receive buffer instead of {}: raise net.core.rmem_max to absorb "
                    + "bursts without drops", effectiveReceiveBufferBytes, receiveBufferBytes);
        }
    }

    private DatagramChannel open() throws IOException {
        StandardProtocolFamily family = bindAddress.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            channel.bind(bindAddress);
            effectiveReceiveBufferBytes = channel.getOption(StandardSocketOptions.SO_RCVBUF);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void guardedReceiveLoop(DatagramChannel channel) {
        try {
            receiveLoop(channel);
        } catch (RuntimeException | Error e) {
            if (running) {
                failedThread = Thread.currentThread().getName();
                failure = e;
                log.error("UDP receiver thread {} stopped: {}", failedThread, e.toString(), e);
            }
        }
    }

    private void receiveLoop(DatagramChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (running) {
            try {
                buffer.clear();
                InetSocketAddress sender = (InetSocketAddress) channel.receive(buffer);
                long now = System.currentTimeMillis();
                buffer.flip();
                datagramsReceived.increment();
                bytesReceived.add(buffer.remaining());
                if (!allowlist.test(sender.getAddress())) {
                    datagramsNotAllowed.increment();
                    continue;
                }
                byte[] data = new byte[buffer.remaining()];
                buffer.get(data);
                enqueue(new Datagram(data, sender.getAddress(), now));
            } catch (ClosedChannelException e) {
                return; // close() was called
            } catch (IOException e) {
                if (running && receiveFailureLog.shouldLog()) {
                    log.warn("UDP receive on {} failed, continuing ({} more such failures not logged): {}", bindAddress,
                            receiveFailureLog.takeSuppressed(), e.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits while the queue is full: the socket buffer then takes the burst, and the kernel counts what it drops. */
    private void enqueue(Datagram datagram) throws InterruptedException {
        while (running && !queue.offer(datagram, 100, TimeUnit.MILLISECONDS)) {
            // poll() is behind (e.g. the broker is away); keep waiting until it catches up or we stop.
        }
    }

    int effectiveReceiveBufferBytes() {
        return effectiveReceiveBufferBytes;
    }

    int port() {
        try {
            return channels.isEmpty() ? bindAddress.getPort()
                    : ((InetSocketAddress) channels.get(0).getLocalAddress()).getPort();
        } catch (IOException e) {
            return bindAddress.getPort();
        }
    }

    @Override
    public void close() {
        running = false;
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("closing {} failed", channel, e);
            }
        }
        for (Thread worker : workers) {
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        channels.clear();
        workers.clear();
    }
}
