package org.bwnetflow.connect.netflow.source;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The hand-over between receiver threads and poll(), bounded in datagrams and in bytes: 64 KB
 * datagrams from a flood cannot hold more than {@code maxBytes} of heap however many fit the count.
 */
final class DatagramQueue {

    private final ArrayBlockingQueue<Datagram> queue;
    private final Semaphore bytes;
    private final int maxBytes;

    DatagramQueue(int capacity, int maxBytes) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.bytes = new Semaphore(maxBytes);
        this.maxBytes = maxBytes;
    }

    /** Waits up to the timeout for room (in count and bytes); false when there was none. */
    boolean offer(Datagram datagram, long timeout, TimeUnit unit) throws InterruptedException {
        int size = datagram.data().length;
        if (!bytes.tryAcquire(size, timeout, unit)) {
            return false;
        }
        if (!queue.offer(datagram, timeout, unit)) {
            bytes.release(size);
            return false;
        }
        return true;
    }

    Datagram poll(long timeout, TimeUnit unit) throws InterruptedException {
        return released(queue.poll(timeout, unit));
    }

    Datagram poll() {
        return released(queue.poll());
    }

    private Datagram released(Datagram datagram) {
        if (datagram != null) {
            bytes.release(datagram.data().length);
        }
        return datagram;
    }

    int size() {
        return queue.size();
    }

    long bytes() {
        return maxBytes - (long) bytes.availablePermits();
    }
}
