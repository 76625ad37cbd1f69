package org.bwnetflow.connect.flowctl.top;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.flowctl.FilterOptions;
import org.bwnetflow.connect.flowctl.FlowSelection;
import org.bwnetflow.connect.flowctl.ReadLimits;
import org.bwnetflow.connect.flowctl.TopicOptions;
import org.bwnetflow.connect.flowctl.CustomerLogin;
import org.bwnetflow.connect.flowctl.FromBeginning;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowctl top}: a live view of a flow topic, like htop for traffic. Full screen on a
 * terminal (keys switch the sort and the window), plain frames when the output is not one.
 */
@Command(name = "top", mixinStandardHelpOptions = true,
        description = {"A live view of TOPIC: flows/s, bits/s and packets/s (scaled by the sampling rate unless "
                + "Normalized), split by IP version and direction, and the top protocols, remote countries, remote "
                + "ASes, peers and talkers over a sliding window of the flows' receive times.",
            "Keys: b, p, f sort by bytes, packets, flows; + and - change the window; q quits.",
            "Not on a terminal (or with --plain), frames are printed one after another."})
public final class TopCommand implements Callable<Integer> {

    private static final int CTRL_C = 3;
    private static final int QUIT = -1;
    private static final int REDRAW = 1;

    @Spec
    CommandSpec spec;

    @Mixin
    ReadLimits limits;

    @Mixin
    CustomerLogin login;

    @Mixin
    TopicOptions topics;

    @Mixin
    FromBeginning start;

    @Parameters(paramLabel = "TOPIC", description = "Topic to read, or a regular expression with --pattern")
    String topic;

    @Mixin
    FilterOptions filters;

    @Option(names = "--refresh", defaultValue = "2", paramLabel = "SECONDS",
            description = "Seconds between frames (default: ${DEFAULT-VALUE})")
    int refreshSeconds;

    @Option(names = "--window", defaultValue = "10", paramLabel = "SECONDS",
            description = "Length of the sliding window, 1 to 3600 (default: ${DEFAULT-VALUE}); + and - step through "
                    + "5, 10, 30, 60, 120, 300")
    int windowSeconds;

    @Option(names = "--sort", defaultValue = "bytes", paramLabel = "KEY",
            description = "bytes, packets or flows (default: ${DEFAULT-VALUE})")
    SortKey sort;

    @Option(names = "--rows", defaultValue = "5", paramLabel = "N", description = "Rows per top list (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--net", paramLabel = "CIDR", description = "Only flows from or to this network or address "
            + "(the filter 'net CIDR'; use --filter)")
    String network;

    @Option(names = "--port", paramLabel = "PORT", description = "Only flows from or to this port (the filter 'port "
            + "PORT'; use --filter)")
    Integer port;

    @Option(names = "--proto", paramLabel = "PROTO", description = "Only this protocol: a number or a name (tcp, udp) "
            + "(the filter 'proto PROTO'; use --filter)")
    String protocol;

    @Option(names = "--cid", paramLabel = "CID", description = "Only flows of this customer id (the filter 'cid CID'; "
            + "use --filter)")
    Long cid;

    @Option(names = "--plain", description = "Print plain frames even on a terminal")
    boolean plain;

    private long read;

    @Override
    public Integer call() throws IOException {
        FlowSelection filter = validate();
        TopSettings settings = new TopSettings(sort, windowSeconds, rows);
        TrafficWindow window = new TrafficWindow(Math.max(windowSeconds, TopSettings.WINDOWS.get(
                TopSettings.WINDOWS.size() - 1)));
        if (!plain && System.console() != null) {
            // the client's warnings (e.g. a broker that is not reachable yet) would scribble over the screen; set
            // before the first Kafka logger exists, as the simple logger reads it once
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
        }
        var props = login.consumerProperties("flowctl-top-");
        start.applyTo(props);
        limits.start(spec);
        try (Consumer<byte[], byte[]> consumer = login.openConsumer(props)) {
            topics.subscribe(consumer, topic, limits.waitAtMost(ReadLimits.METADATA_WAIT)); // before the screen is taken
            try (TopView view = openView()) {
                show(consumer, view, settings, window, filter);
            }
        }
        spec.commandLine().getErr().printf("flowctl top: %d flows read%s, %d too late for the window%n", read,
                filter.all() ? "" : " that match the filter", window.late());
        return 0;
    }

    private void show(Consumer<byte[], byte[]> consumer, TopView view, TopSettings settings, TrafficWindow window,
                      FlowSelection filter) {
        boolean quit = watch(consumer, view, settings, window, filter);
        if (!quit) { // stopped by --max or --timeout: a last frame ending at the newest flow
            view.show(frame(window, settings, filter, window.watermark()));
        }
    }

    /** Reads, counts and draws until q, --max or --timeout; true when the viewer quit. */
    private boolean watch(Consumer<byte[], byte[]> consumer, TopView view, TopSettings settings,
                          TrafficWindow window, FlowSelection filter) {
        long nextFrame = System.currentTimeMillis() + refreshSeconds * 1000L;
        ViewClock clock = new ViewClock();
        while (limits.goOn(read)) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                count(record, filter, window);
                if (limits.reached(read)) {
                    break;
                }
            }
            long now = System.currentTimeMillis();
            clock.observe(window.watermark(), now);
            int keys = pressedKeys(view, settings);
            if (keys == QUIT) {
                return true;
            }
            if (keys == REDRAW || now >= nextFrame) {
                view.show(frame(window, settings, filter, clock.at(now)));
                nextFrame = now + refreshSeconds * 1000L;
            }
        }
        return false;
    }

    /** Applies the keys pressed since the last look: {@link #QUIT}, {@link #REDRAW} or 0. */
    private static int pressedKeys(TopView view, TopSettings settings) {
        int result = 0;
        for (int key = view.key(); key != TopView.NO_KEY; key = view.key()) {
            if (key == 'q' || key == 'Q' || key == CTRL_C) {
                return QUIT;
            }
            if (settings.press(key)) {
                result = REDRAW;
            }
        }
        return result;
    }

    /** Counts a flow the filter keeps (matched on the raw bytes: the others are never decoded). */
    private void count(ConsumerRecord<byte[], byte[]> record, FlowSelection filter, TrafficWindow window) {
        if (record.value() == null || !filter.matches(record.value())) {
            return;
        }
        Struct flow;
        try {
            flow = FlowMessageCodec.decode(record.value());
        } catch (DataException e) {
            return;
        }
        read++;
        window.add(flow);
    }

    private List<String> frame(TrafficWindow window, TopSettings settings, FlowSelection filter, long clock) {
        return TopFrame.render(window.totals(clock, settings.windowSeconds()), settings,
                new TopFrame.Heading(topic, filter.text(), clock));
    }

    private TopView openView() throws IOException {
        if (!plain && System.console() != null) {
            Terminal terminal = TerminalBuilder.builder().system(true).build();
            if (!Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
                return new TerminalView(terminal);
            }
            terminal.close();
        }
        return new PlainView(spec.commandLine().getOut());
    }

    private FlowSelection validate() {
        if (windowSeconds < 1 || windowSeconds > 3600) {
            throw new ParameterException(spec.commandLine(), "--window must be between 1 and 3600 seconds");
        }
        if (refreshSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--refresh must be at least 1 second");
        }
        if (rows < 1 || rows > 100) {
            throw new ParameterException(spec.commandLine(), "--rows must be between 1 and 100");
        }
        return filters.selection(spec, OldTopFilters.of(network, port, protocol, cid));
    }
}
