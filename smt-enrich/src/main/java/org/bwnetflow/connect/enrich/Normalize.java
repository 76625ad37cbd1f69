package org.bwnetflow.connect.enrich;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.NORMALIZED;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.SAMPLER_ADDRESS;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.enrich.common.ExporterRates;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.transform.FlowTransformation;
import org.bwnetflow.connect.model.Flows;

/** Scales a flow's Bytes and Packets by its sampling rate, once. */
public class Normalize<R extends ConnectRecord<R>> extends FlowTransformation<R> {

    public static final String OVERVIEW_DOC = "Multiplies a flow's Bytes and Packets by its SamplingRate and sets "
            + "Normalized to Yes; a flow already normalized is left alone (the transform is idempotent). A per-exporter "
            + "override wins over the announced rate; flows with no rate get the fallback rate, or, without one, stay "
            + "un-normalized and are counted.";

    public static final String FALLBACK_RATE = "fallback.rate";
    public static final String RATE_OVERRIDES = "rate.overrides";

    public static final ConfigDef CONFIG_DEF = FlowRecordAccess.define(new ConfigDef()
            .define(FALLBACK_RATE, ConfigDef.Type.LONG, 0L, ConfigDef.Range.atLeast(0), ConfigDef.Importance.MEDIUM,
                    "Sampling rate for flows whose SamplingRate is 0 (unknown); 0 means none: such flows stay "
                            + "un-normalized and are counted (rate-unknown).")
            .define(RATE_OVERRIDES, ConfigDef.Type.LIST, "", DescribedValidator.of("comma-separated address=rate pairs",
                    (name, value) -> {
                try {
                    ExporterRates.parse(asStrings(value));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }), ConfigDef.Importance.MEDIUM, "Per-exporter sampling rates that win over the flow's SamplingRate, as "
                    + "comma-separated 'address=rate' pairs (the exporter is the flow's SamplerAddress)."));

    private static final int YES = 1;

    private final LongAdder normalized = metrics.counter("normalized", "Flows whose Bytes and Packets were scaled");
    private final LongAdder already = metrics.counter("already-normalized", "Flows that arrived normalized, left alone");
    private final LongAdder unknown = metrics.counter("rate-unknown", "Flows with no sampling rate, left un-normalized");
    private final LongAdder overridden = metrics.counter("rate-overridden", "Flows scaled by a per-exporter override");
    private final LongAdder fellBack = metrics.counter("rate-fallback", "Flows scaled by the fallback rate");
    private final LongAdder saturated = metrics.counter("saturated", "Products that overflowed uint64, capped");
    private FlowRecordAccess access;
    private long fallbackRate;
    private ExporterRates overrides;

    public Normalize() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        access = new FlowRecordAccess(Normalize.class.getSimpleName(), config.getString(FlowRecordAccess.ON_OTHER_RECORDS));
        fallbackRate = config.getLong(FALLBACK_RATE);
        overrides = ExporterRates.parse(config.getList(RATE_OVERRIDES));
    }

    @Override
    public R apply(R record) {
        Struct flow = access.flowOf(record);
        if (flow == null) {
            return record;
        }
        if (Flows.enumValue(flow, NORMALIZED) == YES) {
            already.increment();
            return record;
        }
        long rate = rate(flow);
        if (rate <= 0) {
            unknown.increment();
            return record;
        }
        Flows.setNumber(flow, BYTES, scaled(Flows.number(flow, BYTES), rate));
        Flows.setNumber(flow, PACKETS, scaled(Flows.number(flow, PACKETS), rate));
        Flows.setNumber(flow, SAMPLING_RATE, rate);
        Flows.setEnum(flow, NORMALIZED, YES);
        normalized.increment();
        return record;
    }

    /** Override, then the flow's own rate, then the fallback; 0 when none applies. */
    private long rate(Struct flow) {
        if (!overrides.isEmpty()) {
            long override = overrides.get(Flows.bytes(flow, SAMPLER_ADDRESS));
            if (override > 0) {
                overridden.increment();
                return override;
            }
        }
        long announced = Flows.number(flow, SAMPLING_RATE);
        if (announced > 0) {
            return announced;
        }
        if (fallbackRate > 0) {
            fellBack.increment();
        }
        return fallbackRate;
    }

    /** Unsigned multiplication capped at the largest uint64. */
    private long scaled(long value, long rate) {
        // High 64 bits of the unsigned product (Math.unsignedMultiplyHigh is Java 18+); rate is positive.
        long high = Math.multiplyHigh(value, rate) + ((value >> 63) & rate);
        if (high != 0) {
            saturated.increment();
            return -1L;
        }
        return value * rate;
    }

    @SuppressWarnings("unchecked")
    static List<String> asStrings(Object value) {
        return (List<String>) value;
    }
}
