package org.bwnetflow.connect.netflow.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;

/**
 * The task's real loopback sender, except that one collector refuses chosen sends (by the
 * number of the attempt to it, from 1) the way the kernel refuses a send to a collector it knows
 * to be unreachable: nothing of that datagram leaves.
 */
final class RefusingSender implements CollectorSender {

    private final CollectorSender real;
    private final int collector;
    private final IntPredicate refuse;
    private int attempts;
    private int refused;

    RefusingSender(CollectorSender real, int collector, IntPredicate refuse) {
        this.real = real;
        this.collector = collector;
        this.refuse = refuse;
    }

    /** Collector {@code collector} refuses its sends number {@code first} to {@code first + count - 1}. */
    static IntPredicate run(int first, int count) {
        return attempt -> attempt >= first && attempt < first + count;
    }

    /** Collector {@code collector} refuses each send with the given probability. */
    static IntPredicate random(long seed, double probability) {
        Random random = new Random(seed);
        return attempt -> random.nextDouble() < probability;
    }

    /** A factory for the task: its sockets are real; collector {@code collector} refuses as told. */
    static CollectorSender.Factory factory(int collector, IntPredicate refuse, List<RefusingSender> opened) {
        return (collectors, bindAddress) -> {
            RefusingSender sender = new RefusingSender(new UdpCollectorSender(collectors, bindAddress), collector, refuse);
            opened.add(sender);
            return sender;
        };
    }

    int refused() {
        return refused;
    }

    @Override
    public List<InetSocketAddress> collectors() {
        return real.collectors();
    }

    @Override
    public void send(int to, byte[] datagram) throws IOException {
        if (to == collector) {
            attempts++;
            if (refuse.test(attempts)) {
                refused++;
                throw new PortUnreachableException("send " + attempts + " to " + real.collectors().get(to)
                        + " refused by the test");
            }
        }
        real.send(to, datagram);
    }

    @Override
    public void close() throws IOException {
        real.close();
    }
}
