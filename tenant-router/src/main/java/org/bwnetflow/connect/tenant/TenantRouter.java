package org.bwnetflow.connect.tenant;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.transform.FlowTransformation;
import org.bwnetflow.connect.tenant.route.CidReader;
import org.bwnetflow.connect.tenant.route.TenantSet;
import org.bwnetflow.connect.tenant.route.TopicCache;
import org.bwnetflow.connect.tenant.route.TopicNames;

/** Sends each flow to its customer's topic, {@code <topic.prefix><Cid>}. */
public class TenantRouter<R extends ConnectRecord<R>> extends FlowTransformation<R> {

    public static final String OVERVIEW_DOC = "Sets a flow record's topic to topic.prefix followed by the flow's "
            + "customer id (Cid), e.g. flows-1000, so each customer reads its own topic under Kafka ACLs. Works on the "
            + "FlowMessage Struct, on any Struct with a Cid field (e.g. after ReduceFields), and on raw FlowMessage "
            + "protobuf bytes (byte[] or ByteBuffer, e.g. behind ByteArrayConverter in a Kafka-to-Kafka hop), where "
            + "only field 1000 is read and every other field is skipped undecoded; bytes that are not protobuf raise "
            + "a DataException. Flows without a customer (Cid 0) or whose Cid is not on the tenants list go to "
            + "unassigned.topic or are dropped. The record's partition is cleared unless keep.partition=true. "
            + "Idempotent: routing a routed record gives the same topic.";

    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String TOPIC_PREFIX_DEFAULT = "flows-";
    public static final String TENANTS = "tenants";
    public static final String UNASSIGNED_ACTION = "unassigned.action";
    public static final String ROUTE = "route";
    public static final String DROP = "drop";
    public static final String UNASSIGNED_TOPIC = "unassigned.topic";
    public static final String UNASSIGNED_TOPIC_DEFAULT = "flows-unassigned";
    public static final String KEEP_PARTITION = "keep.partition";

    /** The field a Struct other than the FlowMessage must have to be routed. */
    public static final String CID_FIELD = FlowField.CID.fieldName();

    /** Topic names kept per transform instance; customer ids beyond share slots (bounded memory). */
    static final int TOPIC_CACHE_SLOTS = 4096;

    public static final ConfigDef CONFIG_DEF = FlowRecordAccess.define(new ConfigDef()
            .define(TOPIC_PREFIX, ConfigDef.Type.STRING, TOPIC_PREFIX_DEFAULT,
                    DescribedValidator.of("characters a-z A-Z 0-9 . _ -, at most "
                            + (TopicNames.MAX_LENGTH - TopicNames.MAX_CID_DIGITS), (name, value) ->
                            check(name, value, TopicNames.prefixProblem((String) value))),
                    ConfigDef.Importance.HIGH, "Prefix of the per-customer topics: a flow with Cid 1000 goes to "
                            + "<prefix>1000. With any customer id of up to 10 digits it must make a legal Kafka topic "
                            + "name (a-z A-Z 0-9 . _ -, at most 249 characters).")
            .define(TENANTS, ConfigDef.Type.LIST, "", DescribedValidator.of("comma-separated customer ids and "
                    + "inclusive ranges within 1-" + TenantSet.MAX_CID, (name, value) -> {
                try {
                    TenantSet.parse(asStrings(value));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }), ConfigDef.Importance.HIGH, "The customers that get their own topic, as comma-separated ids and "
                    + "inclusive ranges (e.g. 1000,1200-1299). Empty: every Cid above 0 is a tenant. Flows of other "
                    + "customers are treated like flows without one (see " + UNASSIGNED_ACTION + ").")
            .define(UNASSIGNED_ACTION, ConfigDef.Type.STRING, ROUTE, ConfigDef.CaseInsensitiveValidString.in(ROUTE, DROP),
                    ConfigDef.Importance.MEDIUM, "What happens to flows with Cid 0 or a Cid not on the tenants list: "
                            + "'route' sends them to " + UNASSIGNED_TOPIC + ", 'drop' discards them (counted).")
            .define(UNASSIGNED_TOPIC, ConfigDef.Type.STRING, UNASSIGNED_TOPIC_DEFAULT,
                    DescribedValidator.of("a legal Kafka topic name", (name, value) ->
                            check(name, value, TopicNames.problem((String) value))),
                    ConfigDef.Importance.MEDIUM, "Topic for flows without a tenant when " + UNASSIGNED_ACTION
                            + "=route. Keep it out of reach of customers' ACLs.")
            .define(KEEP_PARTITION, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.LOW,
                    "Keep the record's Kafka partition when changing its topic. Off by default: a partition number "
                            + "of the input (e.g. the source topic's in a Kafka-to-Kafka hop) may not exist in the "
                            + "customer's topic, which has its own partition count, and the producer would fail. With "
                            + "the partition cleared the producer partitions by key (the source connector's "
                            + "record.key=exporter keeps each exporter's flows in order; it sets no partition itself) "
                            + "or spreads unkeyed records. Turn "
                            + "on only when every customer topic has at least as many partitions as the input."));

    private final LongAdder routed = metrics.counter("routed", "Flows sent to their customer's topic");
    private final LongAdder unassigned = metrics.counter("unassigned", "Flows without a tenant sent to the "
            + "unassigned topic");
    private final LongAdder dropped = metrics.counter("dropped", "Flows without a tenant dropped");
    private FlowRecordAccess access;
    private TenantSet tenants;
    private TopicCache topics;
    private String unassignedTopic;
    private boolean drop;
    private boolean keepPartition;

    public TenantRouter() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        access = new FlowRecordAccess(TenantRouter.class.getSimpleName(),
                config.getString(FlowRecordAccess.ON_OTHER_RECORDS));
        tenants = TenantSet.parse(config.getList(TENANTS));
        topics = new TopicCache(config.getString(TOPIC_PREFIX), TOPIC_CACHE_SLOTS);
        unassignedTopic = config.getString(UNASSIGNED_TOPIC);
        drop = DROP.equals(config.getString(UNASSIGNED_ACTION).toLowerCase(Locale.ROOT));
        keepPartition = config.getBoolean(KEEP_PARTITION);
    }

    @Override
    public R apply(R record) {
        long cid = cidOf(record);
        if (cid < 0) {
            return record; // not a flow, and such records pass
        }
        String topic;
        if (tenants.contains(cid)) {
            routed.increment();
            topic = topics.topic(cid);
        } else if (drop) {
            dropped.increment();
            return null;
        } else {
            unassigned.increment();
            topic = unassignedTopic;
        }
        Integer partition = keepPartition ? record.kafkaPartition() : null;
        if (topic.equals(record.topic()) && Objects.equals(partition, record.kafkaPartition())) {
            return record;
        }
        return record.newRecord(topic, partition, record.keySchema(), record.key(), record.valueSchema(),
                record.value(), record.timestamp());
    }

    /** The flow's customer id (0 when it has none); -1 for a record that is no flow and passes. */
    private long cidOf(R record) {
        Object value = record.value();
        if (value instanceof Struct) {
            Struct struct = (Struct) value;
            if (FlowMessageSchema.isFlowSchema(struct.schema())) {
                return Flows.number(struct, FlowField.CID);
            }
            Field field = struct.schema().field(CID_FIELD);
            if (field != null) {
                return cidValue(struct.get(field));
            }
        } else if (value instanceof byte[]) {
            return CidReader.read((byte[]) value);
        } else if (value instanceof ByteBuffer) {
            return CidReader.read((ByteBuffer) value);
        }
        access.flowOf(record); // fails with a clear message unless other records pass
        return -1;
    }

    private static long cidValue(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Long) {
            long cid = (Long) value;
            return cid < 0 || cid > TenantSet.MAX_CID ? 0 : cid; // not a uint32: no customer
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Integer.toUnsignedLong(((Number) value).intValue()); // an INT32 Cid carries a uint32
        }
        throw new DataException("TenantRouter: the Cid field holds a " + value.getClass().getName()
                + ", not an integer");
    }

    private static void check(String name, Object value, String problem) {
        if (problem != null) {
            throw new ConfigException(name, value, problem);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> asStrings(Object value) {
        return (List<String>) value;
    }
}
