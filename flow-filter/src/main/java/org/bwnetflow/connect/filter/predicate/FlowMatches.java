package org.bwnetflow.connect.filter.predicate;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.metrics.Monitorable;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.transforms.predicates.Predicate;
import org.bwnetflow.connect.filter.Filter;
import org.bwnetflow.connect.filter.FilterSyntaxException;
import org.bwnetflow.connect.filter.FlowFilters;
import org.bwnetflow.connect.filter.RawFlowMatcher;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.TransformMetrics;

/**
 * A Connect predicate that holds for the flows a filter of the flow filter language matches
 * ({@code docs/filter-language.md}): on a FlowMessage Struct (FlowMessageConverter, also a flow reduced by
 * ReduceFields) and on raw FlowMessage protobuf bytes (ByteArrayConverter, e.g. the two-hop mirror), which it reads
 * without decoding. Records that are neither get {@value #ON_OTHER_RECORDS}'s answer.
 *
 * <p>Connect makes a predicate instance for each transform of each task and uses it from that task's thread only,
 * so the instance's one {@link RawFlowMatcher} (not thread-safe) is enough.
 */
public class FlowMatches<R extends ConnectRecord<R>> implements Predicate<R>, Versioned, Monitorable {

    public static final String OVERVIEW_DOC = "A predicate that holds for the flows a filter matches, written in the "
            + "project's flow filter language (nfdump's syntax, and any FlowMessage field by name: e.g. 'proto udp and "
            + "dst port 53', 'SrcAddr=10.0.0.0/8 and Cid=1200'). It reads flow Structs (FlowMessageConverter, also "
            + "flows reduced by ReduceFields) and raw FlowMessage bytes (ByteArrayConverter), the latter without "
            + "decoding them. Use it with Connect's Filter transform (negate=true keeps only the matching flows) or "
            + "to run a transform for some flows only.";

    public static final String FILTER = "filter";
    public static final String ON_OTHER_RECORDS = "on.other.records";
    public static final String FALSE = "false";
    public static final String TRUE = "true";
    public static final String FAIL = "fail";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(FILTER, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, filterValidator(),
                    ConfigDef.Importance.HIGH, "The flows the predicate holds for, in the flow filter language "
                            + "(docs/filter-language.md), e.g. 'proto udp and dst port 53'. An empty filter matches "
                            + "every flow. A filter that does not parse is refused with the position of the problem.")
            .define(ON_OTHER_RECORDS, ConfigDef.Type.STRING, FALSE,
                    ConfigDef.CaseInsensitiveValidString.in(FALSE, TRUE, FAIL), ConfigDef.Importance.LOW,
                    "The answer for a record that is no flow: a tombstone, a Struct of another schema, a value that "
                            + "is neither a Struct nor bytes, and the sources' ingest health records (a Struct of "
                            + IngestHealth.NAME + ", or bytes under the header " + FlowMessageConverter.RECORD_HEADER
                            + ": " + FlowMessageConverter.INGEST_HEALTH + "). 'false' (the predicate does not hold), "
                            + "'true', or 'fail' (a DataException; the connector's errors.tolerance decides). With "
                            + "Filter and negate=true, 'true' keeps such records. Bytes that are no FlowMessage are "
                            + "not recognised as other records: the filter matches nothing in them (false).");

    private final TransformMetrics metrics = new TransformMetrics();
    private final LongAdder matched = metrics.counter("matched", "Flows the filter matched");
    private final LongAdder unmatched = metrics.counter("not-matched", "Flows (and bytes that are no FlowMessage) "
            + "the filter did not match");
    private final LongAdder others = metrics.counter("other-records", "Records that are no flow, answered by "
            + ON_OTHER_RECORDS);
    private Filter filter;
    private RawFlowMatcher raw;
    private String onOtherRecords;

    private static ConfigDef.Validator filterValidator() {
        return DescribedValidator.of("a filter of the flow filter language", (name, value) -> {
            if (value == null) {
                return; // a missing required key: ConfigDef says so itself
            }
            try {
                FlowFilters.parse(value.toString());
            } catch (FilterSyntaxException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        });
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, configs);
        filter = FlowFilters.parse(config.getString(FILTER)); // valid: the validator parsed it
        raw = filter.compileRaw();
        onOtherRecords = config.getString(ON_OTHER_RECORDS).toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean test(R record) {
        Object value = record.value();
        boolean hit;
        if (value instanceof Struct struct && isFlow(struct)) {
            hit = filter.matches(struct);
        } else if (value instanceof byte[] bytes && !healthHeader(record)) {
            hit = raw.matches(bytes);
        } else {
            return other(record);
        }
        (hit ? matched : unmatched).increment();
        return hit;
    }

    /** A FlowMessage Struct, or one ReduceFields reduced (its schema named after FlowMessage's). */
    private static boolean isFlow(Struct struct) {
        String name = struct.schema().name();
        return FlowMessageSchema.isFlowSchema(struct.schema()) || name != null && name.startsWith(FlowMessageSchema.NAME + ".");
    }

    private static boolean healthHeader(ConnectRecord<?> record) {
        Header kind = record.headers() == null ? null : record.headers().lastWithName(FlowMessageConverter.RECORD_HEADER);
        return kind != null && FlowMessageConverter.marksIngestHealth(kind.value());
    }

    private boolean other(R record) {
        others.increment();
        if (FAIL.equals(onOtherRecords)) {
            Object value = record.value();
            throw new DataException("FlowMatches works on flows only (FlowMessage Structs or raw FlowMessage bytes), "
                    + "but got " + (value == null ? "a tombstone (null value)" : value instanceof Struct struct
                    ? "a Struct of schema " + struct.schema().name() : "a " + value.getClass().getName())
                    + " from topic " + record.topic() + " (set " + ON_OTHER_RECORDS + "=false or true to answer "
                    + "for such records)");
        }
        return TRUE.equals(onOtherRecords);
    }

    /** A counter's value, for tests and logs. */
    public long counter(String name) {
        return metrics.value(name);
    }

    /** The configured filter (its canonical text is {@code toString()}). */
    public Filter filter() {
        return filter;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void withPluginMetrics(PluginMetrics pluginMetrics) {
        metrics.register(pluginMetrics);
    }

    @Override
    public void close() {
        metrics.close();
    }

    @Override
    public String toString() {
        return "FlowMatches{" + filter + "}";
    }
}
