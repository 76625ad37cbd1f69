package org.bwnetflow.connect.netflow.source;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receiver threads, one SO_REUSEPORT socket each, that move datagrams from allowed exporters
 * into a bounded queue. Nothing is decoded here: receiving stays fast and the decoder state
 * stays single-threaded in poll().
 */
final class UdpReceiver implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpReceiver.class);
    private static final int MAX_DATAGRAM = 65_535;

    private final InetSocketAddress bindAddress;
    private final int threads;
    private final int receiveBufferBytes;
    private final ExporterAllowlist allowlist;
    private final BlockingQueue<Datagram> queue;
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    private volatile int effectiveReceiveBufferBytes;

    final AtomicLong datagramsReceived = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong datagramsNotAllowed = new AtomicLong();

    UdpReceiver(InetSocketAddress bindAddress, int threads, int receiveBufferBytes, ExporterAllowlist allowlist,
            BlockingQueue<Datagram> queue) {
        this.bindAddress = bindAddress;
        this.threads = threads;
        this.receiveBufferBytes = receiveBufferBytes;
        this.allowlist = allowlist;
        this.queue = queue;
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
            Thread thread = new Thread(() -> receiveLoop(channel), threadNamePrefix + "-receiver-" + i);
            thread.setDaemon(true);
            workers.add(thread);
            thread.start();
        }
        log.info("Receiving NetFlow/IPFIX on udp {} with {} socket(s), receive buffer {} bytes (requested {}), "
                + "exporters allowed: {}", bindAddress, threads, effectiveReceiveBufferBytes, receiveBufferBytes, allowlist);
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

    private void receiveLoop(DatagramChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        while (running) {
            try {
                buffer.clear();
                InetSocketAddress sender = (InetSocketAddress) channel.receive(buffer);
                long now = System.currentTimeMillis();
                buffer.flip();
                datagramsReceived.incrementAndGet();
                bytesReceived.addAndGet(buffer.remaining());
                if (!allowlist.allows(sender.getAddress())) {
                    datagramsNotAllowed.incrementAndGet();
                    continue;
                }
                byte[] data = new byte[buffer.remaining()];
                buffer.get(data);
                enqueue(new Datagram(data, sender.getAddress(), now));
            } catch (ClosedChannelException e) {
                return; // close() was called
            } catch (IOException e) {
                if (running) {
                    log.warn("UDP receive on {} failed, continuing: {}", bindAddress, e.toString());
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
