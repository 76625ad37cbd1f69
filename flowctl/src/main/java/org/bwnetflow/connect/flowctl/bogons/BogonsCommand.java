package org.bwnetflow.connect.flowctl.bogons;

import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_DESC;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.flowctl.ReadLimits;
import org.bwnetflow.connect.flowctl.TopicOptions;
import org.bwnetflow.connect.flowctl.CustomerLogin;
import org.bwnetflow.connect.flowctl.FilterOptions;
import org.bwnetflow.connect.flowctl.FlowSelection;
import org.bwnetflow.connect.flowctl.FromBeginning;
import org.bwnetflow.connect.flowctl.OutputFormat;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.flowctl.json.FlowPretty;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flowctl bogons}: flows with a source or destination address that is not globally
 * routable (IANA's special-purpose registries) or a private or reserved AS number.
 */
@Command(name = "bogons", mixinStandardHelpOptions = true,
        description = {"Print the flows of TOPIC whose source or destination is not globally routable (IANA "
                + "special-purpose address registries) or whose AS number is private or reserved, with the reason; "
                + "or, with --summary, count them per exporter, input interface and peer."})
public final class BogonsCommand implements Callable<Integer> {

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

    @Option(names = "--summary", description = "Count bogon flows per exporter, input interface and peer instead")
    boolean summary;

    @Mixin
    OutputFormat format;

    @Mixin
    FilterOptions filters;

    private final SpecialPurposeRegistry registry = SpecialPurposeRegistry.bundled();
    private final Map<String, long[]> counts = new TreeMap<>();
    private long read;
    private long bogons;

    @Override
    public Integer call() {
        FlowSelection filter = filters.selection(spec);
        var props = login.consumerProperties("flowctl-bogons-");
        start.applyTo(props);
        PrintWriter out = spec.commandLine().getOut();
        limits.start(spec);
        try (Consumer<byte[], byte[]> consumer = login.openConsumer(props)) {
            topics.subscribe(consumer, topic, limits.waitAtMost(ReadLimits.METADATA_WAIT));
            while (limits.goOn(read)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    check(record, filter, out);
                    if (limits.reached(read)) {
                        break;
                    }
                }
                out.flush();
            }
        }
        if (summary) {
            printSummary(out);
        }
        spec.commandLine().getErr().printf("flowctl bogons: %d of %d flows%s%n", bogons, read,
                filter.all() ? "" : " that match the filter");
        out.flush();
        return 0;
    }

    /** Checks a flow the filter keeps (matched on the raw bytes: the others are never decoded nor counted). */
    private void check(ConsumerRecord<byte[], byte[]> record, FlowSelection filter, PrintWriter out) {
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
        List<String> reasons = reasons(flow);
        if (reasons.isEmpty()) {
            return;
        }
        bogons++;
        if (summary) {
            String key = FlowJson.addressText(Flows.bytes(flow, SAMPLER_ADDRESS)) + "\t" + Flows.number(flow, IN_IF)
                    + "\t" + (Flows.text(flow, SRC_IF_DESC) == null ? "" : Flows.text(flow, SRC_IF_DESC))
                    + "\t" + String.join("; ", reasons);
            counts.computeIfAbsent(key, k -> new long[1])[0]++;
        } else if (format.json()) {
            String json = FlowJson.toJson(flow);
            out.println("{\"reasons\":[" + String.join(",", reasons.stream().map(r -> "\"" + r.replace("\"", "'")
                    + "\"").toList()) + "]," + json.substring(1));
        } else {
            out.println(record.topic() + " " + FlowPretty.toLine(flow) + "  <- " + String.join("; ", reasons));
        }
    }

    /** Why a flow is a bogon: its addresses' registry entries, its special AS numbers; empty if none. */
    List<String> reasons(Struct flow) {
        List<String> reasons = new ArrayList<>(2);
        SpecialPurposeRegistry.Entry src = registry.unroutable(Flows.bytes(flow, SRC_ADDR));
        if (src != null) {
            reasons.add("source " + src);
        }
        SpecialPurposeRegistry.Entry dst = registry.unroutable(Flows.bytes(flow, DST_ADDR));
        if (dst != null) {
            reasons.add("destination " + dst);
        }
        SpecialPurposeRegistry.AsRange srcAs = registry.specialAs(Flows.number(flow, SRC_AS));
        if (srcAs != null) {
            reasons.add("source " + srcAs);
        }
        SpecialPurposeRegistry.AsRange dstAs = registry.specialAs(Flows.number(flow, DST_AS));
        if (dstAs != null) {
            reasons.add("destination " + dstAs);
        }
        return reasons;
    }

    private void printSummary(PrintWriter out) {
        out.println("flows\texporter\tinput interface\tpeer (interface description)\treasons");
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> out.println(e.getValue()[0] + "\t" + e.getKey()));
    }
}
