package org.bwnetflow.connect.flowctl.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bwnetflow.connect.netflow.encode.FlowExportEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code flowctl generate}: deterministic NetFlow v9 at a given rate, with the totals it sent. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Send deterministic NetFlow v9 or IPFIX traffic (templates resent periodically).",
            "On a loopback target each exporter sends from its own address (127.0.0.10, .11, ...); "
                + "elsewhere the exporters share the local address and differ by source id.",
            "--clock-offset gives an exporter a wrong clock, as a router without NTP.",
            "At the end the totals per exporter (flows, bytes, packets, datagrams) go to stdout as JSON."})
public final class GenerateCommand implements Callable<Integer> {

    private static final int FIRST_LOOPBACK_EXPORTER = 10;
    /** The simulated routers booted this long before the start: their uptime clocks count from then. */
    private static final long UPTIME_MILLIS = TimeUnit.HOURS.toMillis(1);
    /** NetFlow v9's header carries unix seconds in 32 bits. */
    private static final long LAST_UNIX_SECOND = 0xFFFF_FFFFL;

    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "HOST:PORT", description = "Collector to send to")
    String target;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "FLOWS/S",
            description = "Flows per second over all exporters; 0 sends as fast as possible (default: ${DEFAULT-VALUE})")
    long rate;

    @Option(names = "--count", defaultValue = "10000", paramLabel = "N",
            description = "Flows to send in total; 0 sends until interrupted (default: ${DEFAULT-VALUE})")
    long count;

    @Option(names = "--exporters", defaultValue = "1", paramLabel = "N", description = "Simulated routers (default: ${DEFAULT-VALUE})")
    int exporters;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of the flow content (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--flows-per-datagram", defaultValue = "24", paramLabel = "N",
            description = "Flow records per export packet, at most 28 (default: ${DEFAULT-VALUE})")
    int flowsPerDatagram;

    @Option(names = "--protocol", defaultValue = "NETFLOW_V9", paramLabel = "P",
            description = "NETFLOW_V9 or IPFIX (default: ${DEFAULT-VALUE})")
    FlowExportEncoder.Format protocol;

    @Option(names = "--template-interval", defaultValue = "20", paramLabel = "N",
            description = "Resend the templates every N datagrams per exporter (default: ${DEFAULT-VALUE})")
    int templateInterval;

    @Option(names = "--clock-offset", paramLabel = "N=SECONDS",
            description = "Exporter N (1 is the first) runs its clock SECONDS ahead, or behind when negative, like a "
                    + "router without NTP: its flow and export times are off by that much, not when its datagrams "
                    + "arrive. Repeatable; e.g. 2=31536000 is a year ahead")
    Map<Integer, Long> clockOffsets = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException {
        long start = System.currentTimeMillis();
        validate(start);
        InetSocketAddress destination = parseTarget(target);
        boolean loopback = destination.getAddress().isLoopbackAddress();
        List<Exporter> sims = new ArrayList<>();
        long boot = start - UPTIME_MILLIS;
        try {
            for (int i = 0; i < exporters; i++) {
                InetAddress local = loopback ? InetAddress.getByAddress(
                        new byte[] {127, 0, 0, (byte) (FIRST_LOOPBACK_EXPORTER + i)}) : null;
                DatagramSocket socket = local == null ? new DatagramSocket() : new DatagramSocket(0, local);
                String name = loopback ? local.getHostAddress() : "source-id-" + (i + 1);
                long offsetSeconds = clockOffsets.getOrDefault(i + 1, 0L);
                long offsetMillis = offsetSeconds * 1000;
                // The whole clock is off, boot time included: the uptime the router counts is right.
                sims.add(new Exporter(socket, new FlowGenerator(seed, i),
                        new FlowExportEncoder(protocol, i + 1, boot + offsetMillis), offsetMillis,
                        new ExporterTotals(name, i + 1, offsetSeconds)));
            }
            send(sims, destination);
        } finally {
            sims.forEach(s -> s.socket.close());
        }
        printTotals(sims);
        return 0;
    }

    private void send(List<Exporter> sims, InetSocketAddress destination) throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        long sent = 0;
        long nextReport = start + TimeUnit.SECONDS.toNanos(5);
        int turn = 0;
        List<GeneratedFlow> batch = new ArrayList<>(flowsPerDatagram);
        while (count == 0 || sent < count) {
            Exporter sim = sims.get(turn++ % sims.size());
            batch.clear();
            int n = count == 0 ? flowsPerDatagram : (int) Math.min(flowsPerDatagram, count - sent);
            for (int i = 0; i < n; i++) {
                GeneratedFlow flow = sim.generator.next();
                batch.add(flow);
                sim.totals.add(flow);
            }
            boolean templates = sim.totals.getDatagrams() % templateInterval == 0;
            long now = System.currentTimeMillis() + sim.clockOffsetMillis; // the exporter's clock
            byte[] datagram = sim.encoder.encode(GeneratedFlow.at(batch, now), templates, now);
            sim.socket.send(new DatagramPacket(datagram, datagram.length, destination));
            sim.totals.datagramSent();
            sent += n;
            if (rate > 0) {
                long due = start + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            if (System.nanoTime() >= nextReport) {
                err.printf("flowctl generate: %d flows sent%n", sent);
                err.flush();
                nextReport += TimeUnit.SECONDS.toNanos(5);
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
    }

    private void printTotals(List<Exporter> sims) throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        List<ExporterTotals> totals = sims.stream().map(s -> s.totals).toList();
        result.put("exporters", totals);
        result.put("flows", totals.stream().mapToLong(ExporterTotals::getFlows).sum());
        result.put("bytes", totals.stream().mapToLong(ExporterTotals::getBytes).sum());
        result.put("packets", totals.stream().mapToLong(ExporterTotals::getPackets).sum());
        result.put("datagrams", totals.stream().mapToLong(ExporterTotals::getDatagrams).sum());
        PrintWriter out = spec.commandLine().getOut();
        out.println(new ObjectMapper().writeValueAsString(result));
        out.flush();
    }

    private void validate(long now) {
        if (exporters < 1 || exporters > 200) {
            throw new ParameterException(spec.commandLine(), "--exporters must be between 1 and 200");
        }
        if (flowsPerDatagram < 1 || flowsPerDatagram > 28) {
            throw new ParameterException(spec.commandLine(), "--flows-per-datagram must be between 1 and 28");
        }
        if (rate < 0 || count < 0 || templateInterval < 1) {
            throw new ParameterException(spec.commandLine(), "--rate and --count must be >= 0, --template-interval >= 1");
        }
        clockOffsets.forEach((exporter, seconds) -> {
            if (exporter < 1 || exporter > exporters) {
                throw new ParameterException(spec.commandLine(), "--clock-offset: there is no exporter " + exporter
                        + " of " + exporters);
            }
            // The router's clock, at boot and for the run (a day at most), must fit the export header's unix seconds.
            long bootSecond = now / 1000 - UPTIME_MILLIS / 1000 + seconds;
            if (bootSecond < 0 || bootSecond + UPTIME_MILLIS / 1000 + 86_400 > LAST_UNIX_SECOND) {
                throw new ParameterException(spec.commandLine(), "--clock-offset " + exporter + "=" + seconds
                        + ": the exporter's clock must read between 1970 (an hour after, for its uptime) and 2106 "
                        + "(NetFlow's 32-bit unix seconds)");
            }
        });
    }

    private InetSocketAddress parseTarget(String text) {
        int colon = text.lastIndexOf(':');
        try {
            String host = text.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(text.substring(colon + 1));
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new ParameterException(spec.commandLine(), "--target: cannot resolve " + host);
            }
            return address;
        } catch (StringIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--target must be HOST:PORT, got '" + text + "'");
        }
    }

    /** One simulated router. */
    private record Exporter(DatagramSocket socket, FlowGenerator generator, FlowExportEncoder encoder,
            long clockOffsetMillis, ExporterTotals totals) {
    }
}
