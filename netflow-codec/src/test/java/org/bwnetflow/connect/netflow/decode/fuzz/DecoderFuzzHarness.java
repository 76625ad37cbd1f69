package org.bwnetflow.connect.netflow.decode.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.DecoderCounters;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.StateListener;
import org.bwnetflow.connect.netflow.decode.DomainState;
import org.bwnetflow.connect.netflow.decode.ExporterState;
import org.bwnetflow.connect.netflow.decode.FlowListener;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.decode.Template;
import org.bwnetflow.connect.netflow.testing.FlowFields;
import org.bwnetflow.connect.netflow.testing.TestData;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * What every decoder fuzz test does with one input, and the invariants it checks.
 *
 * <p>The input's first two bytes are overwritten with the decoder's version (sFlow: the first four
 * bytes with its 32-bit version 5), so the fuzzer spends its time inside that decoder instead of in
 * the version dispatch. Each input is then decoded
 *
 * <ol>
 *   <li>as one datagram by a fresh decoder with the default (generous) limits, twice: once from an
 *       array of exactly its length (a read past the end throws and is counted as an internal
 *       error) and once embedded at an offset in a larger array with garbage after it; both must
 *       give the same counters and flows, i.e. the decoder reads only {@code [off, off + len)};
 *   <li>as a sequence of datagrams (split where {@link NetFlowDecoder#datagramLength} says one
 *       ends, each with the version forced, at most {@value #MAX_DATAGRAMS}) by one decoder with
 *       tight limits, so that templates of one datagram apply to later ones and floods hit the
 *       bounds: first all from exporter A, then again alternating between exporters A and B, with
 *       the clock moved on so that some templates expire. Finally the decoder is asked to expire
 *       everything idle and must then hold no exporter at all.
 * </ol>
 *
 * <p>After every datagram: no exception escaped; {@code counters().internalErrors() == 0} (else
 * the test fails with {@code lastInternalError()} as the cause: this is how decoder bugs surface,
 * since {@code decode} swallows them); the flows the listener saw equal {@code counters().flows()}
 * and the sum of the exporters' flows; exporters, domains per exporter, templates per exporter and
 * interfaces per domain stay within the settings' limits; every template id is a data-set id.
 * Every flow: address lengths are 0, 4 or 16; the flow type is the decoder's; the exporter address
 * is the sender's (sFlow: the agent address from the datagram, 4 or 16 bytes). The two decodings
 * of the single datagram are compared by a digest of every flow's FlowMessage values
 * ({@link FlowFields}). (That the source's mapper makes a valid Struct of any decoded flow is
 * checked in netflow-source-connector: its values are of the schema's types by construction.)
 *
 * <p>Not thread-safe; one instance per fuzz test class (Jazzer runs one input at a time).
 */
final class DecoderFuzzHarness {

    /** A budget of a few templates' worth: fuzz inputs fill it and make the decoder evict. */
    static final long STATE_MAX_BYTES = 16 * 1024;
    static final long TEMPLATE_EXPIRY_MILLIS = 60_000;
    /** How many datagrams one input is split into at most; the last one takes the rest. */
    static final int MAX_DATAGRAMS = 16;

    static final InetAddress EXPORTER_A = address("192.0.2.1");
    static final InetAddress EXPORTER_B = address("2001:db8::1");
    static final long NOW = 1_700_000_000_000L;

    /** Tight limits; exporter B also has an operator sampling override. */
    static final DecoderSettings TIGHT = new DecoderSettings(TEMPLATE_EXPIRY_MILLIS, TEMPLATE_EXPIRY_MILLIS,
            STATE_MAX_BYTES, 0, Map.of(EXPORTER_B, 100L));
    static final DecoderSettings DEFAULTS = DecoderSettings.defaults();

    /** Garbage around the embedded copy of the single datagram. */
    private static final int EMBED_OFFSET = 7;
    private static final int EMBED_TRAILER = 64;

    private final String name;
    private final int version;
    private final int flowType;

    // Totals for the summary line; in fuzzing mode one JVM runs one fuzz test, so these are per decoder.
    private final AtomicLong executions = new AtomicLong();
    private final AtomicLong datagrams = new AtomicLong();
    private final AtomicLong flows = new AtomicLong();

    DecoderFuzzHarness(String name, int version, int flowType) {
        this.name = name;
        this.version = version;
        this.flowType = flowType;
    }

    /** Decodes one fuzzer input in all the ways described above and checks the invariants. */
    void run(byte[] input) {
        executions.incrementAndGet();
        HangWatchdog.start(name, input);
        try {
            byte[] data = input.clone(); // never write into the fuzzer's (or a shared seed's) array
            forceVersion(data, 0);
            single(data);
            sequence(data);
        } finally {
            HangWatchdog.stop();
        }
    }

    private void single(byte[] data) {
        NetFlowDecoder exact = new NetFlowDecoder(DEFAULTS, StateListener.NONE);
        CheckingListener exactFlows = new CheckingListener(EXPORTER_A);
        decode(exact, exactFlows, data, 0, data.length, EXPORTER_A, NOW, DEFAULTS, "single datagram");

        byte[] embedded = new byte[EMBED_OFFSET + data.length + EMBED_TRAILER];
        Arrays.fill(embedded, (byte) 0xA5);
        System.arraycopy(data, 0, embedded, EMBED_OFFSET, data.length);
        NetFlowDecoder offset = new NetFlowDecoder(DEFAULTS, StateListener.NONE);
        CheckingListener offsetFlows = new CheckingListener(EXPORTER_A);
        decode(offset, offsetFlows, embedded, EMBED_OFFSET, data.length, EXPORTER_A, NOW, DEFAULTS,
                "single datagram at offset " + EMBED_OFFSET);

        String exactCounters = exact.counters().toString();
        String offsetCounters = offset.counters().toString();
        if (!exactCounters.equals(offsetCounters) || exactFlows.digest != offsetFlows.digest) {
            throw new AssertionError("decoding depends on bytes outside [off, off + len): exact copy gave "
                    + exactCounters + " (flow digest " + exactFlows.digest + "), embedded copy gave "
                    + offsetCounters + " (flow digest " + offsetFlows.digest + ")");
        }
    }

    private void sequence(byte[] data) {
        List<byte[]> parts = split(data, version);
        NetFlowDecoder decoder = new NetFlowDecoder(TIGHT, StateListener.NONE);
        CheckingListener listener = new CheckingListener(null);
        for (int i = 0; i < parts.size(); i++) {
            byte[] part = parts.get(i);
            listener.expectedExporter = EXPORTER_A;
            decode(decoder, listener, part, 0, part.length, EXPORTER_A, NOW + i * 1_000L, TIGHT,
                    "datagram " + i + " of " + parts.size() + ", round 1, exporter A");
        }
        // Round 2, later: templates learnt more than 4 datagrams earlier and not resent have expired.
        long later = NOW + TEMPLATE_EXPIRY_MILLIS - 4_000;
        for (int i = 0; i < parts.size(); i++) {
            byte[] part = parts.get(i);
            InetAddress exporter = i % 2 == 0 ? EXPORTER_A : EXPORTER_B;
            listener.expectedExporter = exporter;
            decode(decoder, listener, part, 0, part.length, exporter, later + i * 1_000L, TIGHT,
                    "datagram " + i + " of " + parts.size() + ", round 2, exporter " + (i % 2 == 0 ? "A" : "B"));
        }
        decoder.expire(NOW + 10 * TEMPLATE_EXPIRY_MILLIS);
        if (!decoder.exporters().isEmpty()) {
            throw new AssertionError("expire() long after the last datagram kept state: " + describe(decoder));
        }
    }

    private void decode(NetFlowDecoder decoder, CheckingListener listener, byte[] b, int off, int len,
            InetAddress exporter, long now, DecoderSettings settings, String what) {
        datagrams.incrementAndGet();
        long before = listener.delivered;
        decoder.decode(b, off, len, exporter, now, listener);
        flows.addAndGet(listener.delivered - before);
        check(decoder, listener, settings, what);
    }

    private static void check(NetFlowDecoder decoder, CheckingListener listener, DecoderSettings settings, String what) {
        DecoderCounters counters = decoder.counters();
        if (counters.internalErrors() != 0) {
            throw new AssertionError("decode() caught an internal error (" + what + "): " + counters,
                    decoder.lastInternalError());
        }
        if (listener.delivered != counters.flows()) {
            throw new AssertionError("listener got " + listener.delivered + " flows but counters say " + counters.flows()
                    + " (" + what + ")");
        }
        if (decoder.stateBytes() > settings.stateMaxBytes()) {
            throw new AssertionError("state of " + decoder.stateBytes() + " bytes > budget " + settings.stateMaxBytes()
                    + " (" + what + ")");
        }
        long recount = decoder.recountStateBytes();
        if (recount != decoder.stateBytes()) {
            throw new AssertionError("budget charged " + decoder.stateBytes() + " bytes but the kept state recounts to "
                    + recount + " (-1: an entry kept but not charged) (" + what + ")");
        }
        long exporterFlows = 0;
        for (ExporterState exporter : decoder.exporters()) {
            exporterFlows += exporter.flows();
            for (DomainState domain : exporter.domains()) {
                for (Template template : domain.templates()) {
                    if (template.id() < 256 || template.id() > 0xFFFF) {
                        throw new AssertionError("stored template with id " + template.id() + " (" + what + ")");
                    }
                    if (template.fieldCount() > Template.MAX_FIELDS) {
                        throw new AssertionError("template " + template.id() + " has " + template.fieldCount()
                                + " fields > " + Template.MAX_FIELDS + " (" + what + ")");
                    }
                }
            }
        }
        if (exporterFlows != counters.flows()) {
            throw new AssertionError("exporters' flows add up to " + exporterFlows + " but counters say "
                    + counters.flows() + " (" + what + ")");
        }
    }

    /**
     * Splits {@code data} into datagrams the way a file of back-to-back datagrams is split, forcing
     * the version at the start of each; every piece is its own array of exactly its length.
     */
    static List<byte[]> split(byte[] data, int version) {
        byte[] copy = data.clone();
        List<byte[]> parts = new ArrayList<>();
        int pos = 0;
        while (pos < copy.length) {
            int remaining = copy.length - pos;
            forceVersion(copy, pos, version);
            int length = parts.size() == MAX_DATAGRAMS - 1 ? remaining
                    : NetFlowDecoder.datagramLength(copy, pos, remaining);
            if (length <= 0 || length > remaining) {
                length = remaining; // no datagram starts here (by its header): hand over the rest whole
            }
            parts.add(Arrays.copyOfRange(copy, pos, pos + length));
            pos += length;
        }
        if (parts.isEmpty()) {
            parts.add(copy);
        }
        return parts;
    }

    private void forceVersion(byte[] b, int off) {
        forceVersion(b, off, version);
    }

    private static void forceVersion(byte[] b, int off, int version) {
        if (version == NetFlowDecoder.SFLOW_V5) {
            if (b.length - off >= 4) {
                b[off] = 0;
                b[off + 1] = 0;
                b[off + 2] = 0;
                b[off + 3] = 5;
            }
            return;
        }
        if (b.length - off >= 2) {
            b[off] = (byte) (version >>> 8);
            b[off + 1] = (byte) version;
        }
    }

    /** Concatenates shared datagram files, e.g. a template file and its data files, into one seed. */
    /** A named seed: the files of one exporter back to back, as one fuzz input. */
    static Arguments seed(String name, String... files) {
        return Arguments.of(Named.of(name, concat(files)));
    }

    static byte[] concat(String... files) {
        List<byte[]> contents = new ArrayList<>();
        int length = 0;
        for (String file : files) {
            byte[] bytes = TestData.read(file);
            contents.add(bytes);
            length += bytes.length;
        }
        byte[] result = new byte[length];
        int pos = 0;
        for (byte[] bytes : contents) {
            System.arraycopy(bytes, 0, result, pos, bytes.length);
            pos += bytes.length;
        }
        return result;
    }

    /** One line with this test's totals, printed (and written where -Dfuzz.summary.dir says) at the end. */
    void printSummary() {
        printSummary(name, String.format("executions=%d datagrams=%d flows=%d", executions.get(), datagrams.get(),
                flows.get()));
    }

    /**
     * Prints {@code [fuzz-summary] <test> mode=fuzzing|regression <details>} and, when
     * {@code -Dfuzz.summary.dir} is set (the fuzzing runs set it), writes it to {@code <test>.summary} there.
     */
    static void printSummary(String test, String details) {
        String line = "[fuzz-summary] " + test + " mode=" + (isFuzzing() ? "fuzzing" : "regression") + " " + details;
        System.out.println(line);
        String dir = System.getProperty("fuzz.summary.dir");
        if (dir != null && !dir.isBlank()) {
            try {
                Path path = Paths.get(dir);
                Files.createDirectories(path);
                Files.writeString(path.resolve(test + ".summary"), line + System.lineSeparator(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static boolean isFuzzing() {
        String env = System.getenv("JAZZER_FUZZ");
        return env != null && (env.equals("1") || env.equalsIgnoreCase("true") || env.equalsIgnoreCase("yes"));
    }

    private static String describe(NetFlowDecoder decoder) {
        StringBuilder sb = new StringBuilder();
        for (ExporterState exporter : decoder.exporters()) {
            sb.append(exporter.address()).append(": ");
            for (DomainState domain : exporter.domains()) {
                sb.append("domain ").append(domain.version()).append('/').append(domain.domainId()).append(" templates=")
                        .append(domain.templates().size()).append(' ');
            }
        }
        return sb.toString();
    }

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Checks every flow as it is delivered and keeps a digest to compare two decodings. */
    private final class CheckingListener implements FlowListener {

        InetAddress expectedExporter;
        long delivered;
        long digest = 17;

        CheckingListener(InetAddress expectedExporter) {
            this.expectedExporter = expectedExporter;
        }

        @Override
        public void onFlow(DecodedFlow flow) {
            delivered++;
            addressLength("SrcAddr", flow.srcAddrLength());
            addressLength("DstAddr", flow.dstAddrLength());
            addressLength("NextHop", flow.nextHopLength());
            if (flow.type() != flowType) {
                throw new AssertionError("flow type " + flow.type() + ", expected " + flowType);
            }
            if (version == NetFlowDecoder.SFLOW_V5) {
                if (flow.exporterAddress() == null || (flow.exporterAddress().length != 4 && flow.exporterAddress().length != 16)) {
                    throw new AssertionError("sFlow agent address " + Arrays.toString(flow.exporterAddress()));
                }
            } else if (flow.exporterAddress() == null
                    || (expectedExporter != null && !Arrays.equals(flow.exporterAddress(), expectedExporter.getAddress()))) {
                throw new AssertionError("flow's exporter address is " + Arrays.toString(flow.exporterAddress())
                        + ", expected " + expectedExporter);
            }
            if (flow.mplsCount() < 0 || flow.mplsCount() > 10) {
                throw new AssertionError("mplsCount " + flow.mplsCount());
            }
            if (flow.domain() == null) {
                throw new AssertionError("flow without domain");
            }
            digest = digest * 31 + FlowFields.of(flow).hashCode();
        }

        private void addressLength(String field, int length) {
            if (length != 0 && length != 4 && length != 16) {
                throw new AssertionError(field + " length " + length + " is not 0, 4 or 16");
            }
        }
    }

    /**
     * Turns a hang into a failure: the decoder must never loop without bound, and libFuzzer's own
     * per-input timeout is 20 minutes under JUnit (a JUnit {@code @Timeout} would also cap the whole
     * fuzzing run). If one input takes longer than {@code -Dfuzz.hang.seconds} (default 30), its
     * bytes and the stuck thread's stack are printed (and written to {@code -Dfuzz.summary.dir}) and
     * the JVM halts, which fails the Surefire run.
     */
    static final class HangWatchdog {

        private static final long LIMIT_NANOS = Long.getLong("fuzz.hang.seconds", 30) * 1_000_000_000L;
        private static volatile long startedNanos;
        private static volatile byte[] current;
        private static volatile String currentTest;
        private static volatile Thread worker;
        private static Thread watchdog;

        private HangWatchdog() {
        }

        static synchronized void start(String test, byte[] input) {
            currentTest = test;
            current = input;
            worker = Thread.currentThread();
            startedNanos = System.nanoTime();
            if (watchdog == null) {
                watchdog = new Thread(HangWatchdog::watch, "fuzz-hang-watchdog");
                watchdog.setDaemon(true);
                watchdog.start();
            }
        }

        static void stop() {
            startedNanos = 0;
            current = null;
        }

        private static void watch() {
            while (true) {
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException e) {
                    return;
                }
                long started = startedNanos;
                byte[] input = current;
                if (started != 0 && input != null && System.nanoTime() - started > LIMIT_NANOS) {
                    report(input);
                    Runtime.getRuntime().halt(70);
                }
            }
        }

        private static void report(byte[] input) {
            StringBuilder sb = new StringBuilder();
            sb.append("[fuzz-hang] ").append(currentTest).append(": one input ran longer than ")
                    .append(LIMIT_NANOS / 1_000_000_000L).append(" s; input (").append(input.length).append(" bytes): ")
                    .append(hex(input)).append(System.lineSeparator());
            Thread stuck = worker;
            if (stuck != null) {
                StackTraceElement[] frames = stuck.getStackTrace();
                for (int i = 0; i < Math.min(frames.length, 40); i++) {
                    sb.append("\tat ").append(frames[i]).append(System.lineSeparator());
                }
            }
            System.err.print(sb);
            System.err.flush();
            String dir = System.getProperty("fuzz.summary.dir");
            if (dir != null && !dir.isBlank()) {
                try {
                    Path path = Paths.get(dir);
                    Files.createDirectories(path);
                    Files.write(path.resolve(currentTest + ".hang-input"), input);
                    Files.writeString(path.resolve(currentTest + ".hang.txt"), sb, StandardCharsets.UTF_8);
                } catch (IOException ignored) {
                    // best effort: the report is on stderr already
                }
            }
        }
    }
}
