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
            "--flood adds an attack on a target from spoofed sources, sent by the same exporters; --diurnal, --bursts "
                + "and --jitter make the normal rate fluctuate (a day compressed into --day-seconds).",
            "At the end the totals per exporter (flows, bytes, packets, datagrams) and per flood go to stdout as JSON."})
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
            description = "Flows per second over all exporters (with --diurnal the day's peak); 0 sends as fast as possible "
                    + "(default: ${DEFAULT-VALUE})")
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

    @Option(names = "--flood", paramLabel = "SPEC",
            description = "Add a flood; SPEC is " + FloodSpec.FORMAT + ": PACKETS_PER_SECOND packets of BYTES_PER_PACKET "
                    + "bytes a second towards TARGET_IP (protocol number PROTO, port DST_PORT) in FLOWS_PER_SECOND flows a "
                    + "second (default: one per packet, "
                    + "at most " + FloodSpec.DEFAULT_FLOWS_PER_SECOND + "), each from a random spoofed source, from "
                    + "START_SECOND of the run (default 0) for DURATION_SECONDS (default 0: until the run ends); the "
                    + "exporters take turns sending its datagrams. Repeatable; e.g. 10.0.3.7,17,53,50000,512,30,20")
    List<String> floodTexts = new ArrayList<>();

    @Option(names = "--diurnal",
            description = "The normal flow rate follows a day: --rate at 16:00, a quarter of it at 04:00 (a cosine), "
                    + "the day compressed into --day-seconds and starting at midnight")
    boolean diurnal;

    @Option(names = "--day-seconds", defaultValue = "86400", paramLabel = "N",
            description = "Length of the day --diurnal replays (default: ${DEFAULT-VALUE}, a real day)")
    long daySeconds;

    @Option(names = "--bursts", defaultValue = "1", paramLabel = "FACTOR",
            description = "Random bursts of normal traffic: about once a minute for 2 to 10 s the rate is multiplied "
                    + "by a random factor between 1 and FACTOR (default: ${DEFAULT-VALUE}, none)")
    double burstFactor;

    @Option(names = "--jitter", defaultValue = "0", paramLabel = "FRACTION",
            description = "Each second's normal rate is multiplied by a random factor within 1 +- FRACTION, e.g. 0.1 "
                    + "(default: ${DEFAULT-VALUE})")
    double jitter;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop after SECONDS; without --count it is the only limit (default: ${DEFAULT-VALUE}, none)")
    long duration;

    @Override
    public Integer call() throws IOException {
        long start = System.currentTimeMillis();
        validate(start);
        List<FloodFlows> floods = floods();
        if (duration > 0 && !spec.commandLine().getParseResult().hasMatchedOption("--count")) {
            count = 0;
        }
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
            send(sims, floods, destination);
        } finally {
            sims.forEach(s -> s.socket.close());
        }
        printTotals(sims, floods);
        return 0;
    }

    private void send(List<Exporter> sims, List<FloodFlows> floods, InetSocketAddress destination) throws IOException {
        new Sending(sims, floods, destination).run();
    }

    /**
     * Sends the normal flows (a datagram of --flows-per-datagram flows from each exporter in turn, each when its
     * first flow is due by the shape) and the floods' datagrams (the exporters taking turns) in the order they are
     * due, until the normal traffic ends (--count, --duration) or the thread is interrupted. The run ends when the
     * flow after the last one would have been due (or at --duration); the floods go on until then.
     */
    private final class Sending {

        private final List<Exporter> sims;
        private final List<FloodFlows> floods;
        private final InetSocketAddress destination;
        private final TrafficShape shape = new TrafficShape(rate, diurnal, daySeconds, burstFactor, jitter, seed);
        private final long start = System.nanoTime();
        private long end = duration > 0 ? TimeUnit.SECONDS.toNanos(duration) : Long.MAX_VALUE;
        private boolean normalEnded;
        private long sent;
        private int turn;
        private long floodDatagrams;

        Sending(List<Exporter> sims, List<FloodFlows> floods, InetSocketAddress destination) {
            this.sims = sims;
            this.floods = floods;
            this.destination = destination;
        }

        void run() throws IOException {
            PrintWriter err = spec.commandLine().getErr();
            long nextReport = start + TimeUnit.SECONDS.toNanos(5);
            while (!Thread.currentThread().isInterrupted() && sendNext()) {
                if (System.nanoTime() >= nextReport) {
                    err.printf("flowctl generate: %d flows sent%n", sent);
                    err.flush();
                    nextReport += TimeUnit.SECONDS.toNanos(5);
                }
            }
            if (end != Long.MAX_VALUE && !Thread.currentThread().isInterrupted()) {
                waitUntil(start + end);
            }
        }

        /** Waits for the datagram due next and sends it; false when nothing is left to send. */
        private boolean sendNext() throws IOException {
            // As fast as possible (--rate 0): a normal datagram is always due, a flood's when the clock says so.
            long normalDue = rate == 0 ? System.nanoTime() - start : shape.nanosOf(sent);
            boolean normalLeft = normalLeft(normalDue);
            FloodFlows flood = earliest(floods);
            long floodDue = flood == null ? Long.MAX_VALUE : flood.nextDueNanos();
            if (floodDue < end && (!normalLeft || floodDue < normalDue)) {
                waitUntil(start + floodDue);
                Exporter sim = sims.get((int) (floodDatagrams++ % sims.size()));
                List<GeneratedFlow> flows = flood.nextDatagram(sims.indexOf(sim));
                long wall = System.currentTimeMillis();
                sendDatagram(sim, flows, destination);
                flood.totals().datagramSent(flows, wall);
                return true;
            }
            if (normalLeft) {
                waitUntil(start + normalDue);
                Exporter sim = sims.get(turn++ % sims.size());
                int n = count == 0 ? flowsPerDatagram : (int) Math.min(flowsPerDatagram, count - sent);
                sendDatagram(sim, sim.generator.next(n), destination);
                sent += n;
                return true;
            }
            return false;
        }

        private boolean normalLeft(long normalDue) {
            boolean left = (count == 0 || sent < count) && normalDue < end;
            if (!left && !normalEnded) {
                normalEnded = true;
                end = Math.min(end, normalDue);
            }
            return left;
        }
    }

    /** The flood whose next datagram is due first; null when there is none or all are over. */
    private static FloodFlows earliest(List<FloodFlows> floods) {
        FloodFlows first = null;
        for (FloodFlows f : floods) {
            if (f.nextDueNanos() != Long.MAX_VALUE && (first == null || f.nextDueNanos() < first.nextDueNanos())) {
                first = f;
            }
        }
        return first;
    }

    /** One datagram of {@code flows} from {@code sim} (with the templates every --template-interval datagrams). */
    private void sendDatagram(Exporter sim, List<GeneratedFlow> flows, InetSocketAddress destination) throws IOException {
        flows.forEach(sim.totals::add);
        boolean templates = sim.totals.getDatagrams() % templateInterval == 0;
        long now = System.currentTimeMillis() + sim.clockOffsetMillis; // the exporter's clock
        byte[] datagram = sim.encoder.encode(GeneratedFlow.at(flows, now), templates, now);
        sim.socket.send(new DatagramPacket(datagram, datagram.length, destination));
        sim.totals.datagramSent();
    }

    private static void waitUntil(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private List<FloodFlows> floods() {
        List<FloodFlows> floods = new ArrayList<>();
        for (String text : floodTexts) {
            try {
                floods.add(new FloodFlows(FloodSpec.parse(text), seed, floods.size(), flowsPerDatagram));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--flood " + text + ": " + e.getMessage());
            }
        }
        return floods;
    }

    private void printTotals(List<Exporter> sims, List<FloodFlows> floods) throws IOException {
        Map<String, Object> result = new LinkedHashMap<>();
        List<ExporterTotals> totals = sims.stream().map(s -> s.totals).toList();
        result.put("exporters", totals);
        result.put("flows", totals.stream().mapToLong(ExporterTotals::getFlows).sum());
        result.put("bytes", totals.stream().mapToLong(ExporterTotals::getBytes).sum());
        result.put("packets", totals.stream().mapToLong(ExporterTotals::getPackets).sum());
        result.put("datagrams", totals.stream().mapToLong(ExporterTotals::getDatagrams).sum());
        if (!floods.isEmpty()) {
            result.put("floods", floods.stream().map(FloodFlows::totals).toList());
        }
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
        validateShape();
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

    private void validateShape() {
        if (duration < 0 || daySeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--duration must be >= 0, --day-seconds >= 1");
        }
        if (!(burstFactor >= 1) || !(jitter >= 0 && jitter < 1)) {
            throw new ParameterException(spec.commandLine(), "--bursts must be >= 1, --jitter between 0 and 1 (excluded)");
        }
        if (rate == 0 && (diurnal || burstFactor > 1 || jitter > 0)) {
            throw new ParameterException(spec.commandLine(), "--diurnal, --bursts and --jitter shape a --rate: it must be > 0");
        }
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
