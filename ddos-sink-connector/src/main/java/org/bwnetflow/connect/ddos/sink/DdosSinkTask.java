package org.bwnetflow.connect.ddos.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.bwnetflow.connect.bgp.speaker.MitigationSpeaker;
import org.bwnetflow.connect.bgp.speaker.SpeakerException;
import org.bwnetflow.connect.bgp.speaker.gobgp.GobgpSpeaker;
import org.bwnetflow.connect.ddos.sink.attack.AttackEvent;
import org.bwnetflow.connect.ddos.sink.mitigation.AuditLog;
import org.bwnetflow.connect.ddos.sink.mitigation.MitigationGuard;
import org.bwnetflow.connect.ddos.sink.mitigation.Mitigator;
import org.bwnetflow.connect.ddos.sink.mitigation.TopicAuditLog;
import org.bwnetflow.connect.ddos.sink.publish.AttackEventJson;
import org.bwnetflow.connect.ddos.sink.publish.DatabasePoints;
import org.bwnetflow.connect.ddos.sink.publish.EventPoints;
import org.bwnetflow.connect.ddos.sink.state.StateTopic;
import org.bwnetflow.connect.ddos.sink.state.StateTopics;
import org.bwnetflow.connect.ddos.sink.state.TopicLedgerStore;
import org.bwnetflow.connect.enrich.customer.PrefixListException;
import org.bwnetflow.connect.enrich.customer.PrefixTable;
import org.bwnetflow.connect.influx.InfluxSinkConfig;
import org.bwnetflow.connect.influx.write.InfluxWriter;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.Version;
import org.bwnetflow.connect.model.config.KafkaClientSecurity;
import org.bwnetflow.connect.model.sink.NonFlowRecords;
import org.bwnetflow.connect.model.transform.TransformMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every customer's detection on the flows it is given and acts on the attack events: the attacks topic,
 * the database, the mitigation. State (baselines, open attacks, routes held) is read from the state topic at
 * start and written back as it changes; offsets are committed only once the attack events of the flows before
 * them are acknowledged by the attacks topic.
 */
public class DdosSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(DdosSinkTask.class);
    private static final int MAX_PENDING_POINTS = 100_000;
    /** How long the task waits at most for records before put is called (empty) again. */
    static final long WAKE_MILLIS = 500;

    private DdosSinkConfig config;
    private Producer<byte[], byte[]> producer;
    private StateTopic state;
    private MitigationSpeaker speaker;
    private Mitigator mitigator;
    private CustomerDetectors detection;
    private DatabasePoints points;
    private InfluxWriter writer;
    private TransformMetrics metrics;
    private NonFlowRecords nonFlows;
    private final AtomicReference<Exception> sendFailure = new AtomicReference<>();
    private final LongAdder nonFlowRecords = new LongAdder();
    private long nextReconcile;
    private long nextStateFlush;
    private long flows;
    private long flowsToOthers;
    private PrefixTable owners;
    private long events;
    /** Read by the metrics' thread: copied from the detectors (which only the task's thread may touch) after each batch. */
    private volatile long windowTargets;
    private volatile long baselineTargets;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new DdosSinkConfig(props);
        String connector = props.getOrDefault("name", "ddos-sink");
        Map<String, Object> clients = config.kafkaClientSettings();
        try {
            producer = new KafkaProducer<>(producerSettings(clients, connector), new ByteArraySerializer(),
                    new ByteArraySerializer());
            try (Admin admin = Admin.create(clients)) {
                StateTopics.ensure(admin, config.getString(DdosSinkConfig.STATE_TOPIC), List.of(
                        config.getString(DdosSinkConfig.ATTACKS_TOPIC), config.getString(DdosSinkConfig.AUDIT_TOPIC)),
                        config.topicReplicationFactor(), config.kafkaTimeout().toMillis());
            }
        } catch (KafkaException e) {
            throw new ConnectException("the DDoS sink cannot reach its Kafka topics (" + DdosSinkConfig.KAFKA_BOOTSTRAP_SERVERS
                    + ", " + KafkaClientSecurity.constructionFailure(e, DdosSinkConfig.KAFKA_CLIENT_PREFIX) + ")");
        }
        state = new StateTopic(config.getString(DdosSinkConfig.STATE_TOPIC), producer,
                () -> new KafkaConsumer<>(consumerSettings(clients, connector), new ByteArrayDeserializer(),
                        new ByteArrayDeserializer()), config.kafkaTimeout());
        Map<String, byte[]> loaded = state.load();
        metrics = new TransformMetrics();
        InfluxSinkConfig database = config.database();
        writer = InfluxWriter.open(new InfluxWriter.Settings(database.url(), database.org(), database.credentials(),
                com.influxdb.client.domain.WritePrecision.MS, 5_000, false, Duration.ofMillis(database.timeoutMillis())), metrics);
        points = new DatabasePoints(writer, database.bucket(), MAX_PENDING_POINTS);
        speaker = config.dryRun() ? null : openSpeaker();
        AuditLog topicAudit = new TopicAuditLog(config.getString(DdosSinkConfig.AUDIT_TOPIC), connector, producer,
                config.kafkaTimeout());
        AuditLog audit = entry -> {
            topicAudit.record(entry);
            points.add(EventPoints.of(entry));
        };
        owners = loadOwners();
        mitigator = new Mitigator(new Mitigator.Settings(config.dryRun(), config.holdMillis(), config.flowSpecPortShare()),
                config.policies(), new MitigationGuard(owners::lookup, config.maxRoutesPerCustomer(), config.maxRoutes()),
                config.routes(), speaker, new TopicLedgerStore(state, loaded), audit, System::currentTimeMillis);
        detection = CustomerDetectors.restore(config, loaded, state, this::onAttack);
        nonFlows = new NonFlowRecords("The DDoS sink", context, nonFlowRecords);
        registerMetrics();
        mitigator.reconcile();
        long now = System.currentTimeMillis();
        nextReconcile = now + config.reconcileIntervalMillis();
        nextStateFlush = now + config.stateFlushIntervalMillis();
        log.info("DDoS sink task started: {} routes held, {} customers restored from {}, {}", mitigator.held().size(),
                detection.customers(), state.topic(), config.dryRun() ? "dry run" : "announcing through gobgpd");
    }

    /** The task's counters and gauges in Connect's plugin metrics (JMX, and Prometheus through the agent). */
    private void registerMetrics() {
        metrics.gauge("flows", "Flows read", () -> flows);
        metrics.gauge("flows-not-to-the-customer", "Flows not to an address of their customer (not looked at)",
                () -> flowsToOthers);
        metrics.gauge("attack-events", "Attack events written (start, update, end)", () -> events);
        metrics.gauge("customers", "Customers with a detector", () -> detection.customers());
        metrics.gauge("targets", "Targets whose window the detectors hold (at most " + DdosSinkConfig.MAX_TARGETS
                + " each)", () -> windowTargets);
        metrics.gauge("baseline-targets", "Targets with a learned baseline (at most " + DdosSinkConfig.MAX_TARGETS
                + " each)", () -> baselineTargets);
        metrics.gauge("routes-held", "Routes announced or in their hold time (dry-run ones included)",
                () -> mitigator.held().size());
        metrics.gauge("route-announcements", "Routes decided (announced, or dry-run)", mitigator::announcements);
        metrics.gauge("route-withdrawals", "Routes withdrawn", mitigator::withdrawals);
        metrics.gauge("route-refusals", "Attacks whose route a guard refused", mitigator::refusals);
        metrics.gauge("speaker-failures", "Calls to the BGP speaker that failed", mitigator::speakerFailures);
        metrics.gauge("database-points-pending", "Points waiting for the database", () -> points.pending());
        metrics.gauge("database-points-dropped", "Points dropped while the database was away", points::dropped);
        metrics.gauge("non-flow-records", "Records that were no flows (sent to the dead letter queue)", nonFlowRecords::sum);
        if (context != null) {
            metrics.register(context.pluginMetrics());
        }
    }

    private MitigationSpeaker openSpeaker() {
        try {
            return new GobgpSpeaker(config.speakerConfig());
        } catch (SpeakerException e) {
            throw new ConnectException("the DDoS sink cannot use gobgpd (" + DdosSinkConfig.SPEAKER_ADDRESS + "): "
                    + e.getMessage());
        }
    }

    private PrefixTable loadOwners() {
        try {
            return PrefixTable.load(config.customerPrefixesFile());
        } catch (IOException | PrefixListException e) {
            throw new ConnectException("the DDoS sink cannot read " + DdosSinkConfig.CUSTOMER_PREFIXES_FILE + ": "
                    + e.getMessage());
        }
    }

    private static Map<String, Object> producerSettings(Map<String, Object> clients, String connector) {
        Map<String, Object> settings = new HashMap<>(clients);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, connector + "-ddos-sink");
        return settings;
    }

    private static Map<String, Object> consumerSettings(Map<String, Object> clients, String connector) {
        Map<String, Object> settings = new HashMap<>(clients);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, connector + "-ddos-state-reader");
        return settings;
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            Struct flow = flowOf(record);
            if (flow == null) {
                continue;
            }
            flows++;
            long cid = Flows.number(flow, FlowField.CID);
            if (cid <= 0) {
                continue;
            }
            // A flood at the customer is traffic to its own addresses; its flows to the rest of the world (its busy
            // peers, or an attack it takes part in) are not floods at it and would only raise false alerts.
            if (owners.lookup(Flows.bytes(flow, FlowField.DST_ADDR)) != cid) {
                flowsToOthers++;
                continue;
            }
            detection.accept(cid, flow, record.timestamp() == null ? -1 : record.timestamp());
        }
        afterBatch(System.currentTimeMillis());
        // On a quiet topic the worker would poll again only at its next offset commit (offset.flush.interval.ms, 60 s
        // by default): ends of attacks, hold times and reconciliation would wait that long. Be called back sooner.
        context.timeout(WAKE_MILLIS);
    }

    private Struct flowOf(SinkRecord record) {
        Object value = record.value();
        if (value instanceof Struct struct) {
            return struct;
        }
        if (value instanceof byte[] bytes) {
            try {
                return FlowMessageCodec.decode(bytes);
            } catch (RuntimeException e) {
                nonFlows.reject(record, "its value is no FlowMessage: " + e.getMessage(), e);
                return null;
            }
        }
        if (value != null) {
            nonFlows.reject(record, "its value is a " + value.getClass().getSimpleName() + ", not a FlowMessage", null);
        }
        return null;
    }

    /** Holds, reconciles and writes state as their times come. */
    private void afterBatch(long now) {
        detection.advanceIdle();
        mitigator.expire();
        if (now >= nextReconcile) {
            mitigator.reconcile();
            nextReconcile = now + config.reconcileIntervalMillis();
        }
        if (now >= nextStateFlush) {
            detection.saveChanged();
            nextStateFlush = now + config.stateFlushIntervalMillis();
        }
        windowTargets = detection.windowTargets();
        baselineTargets = detection.baselineTargets();
        failIfSendFailed();
    }

    private void onAttack(AttackEvent event) {
        events++;
        producer.send(new ProducerRecord<>(config.getString(DdosSinkConfig.ATTACKS_TOPIC),
                Long.toString(event.cid()).getBytes(StandardCharsets.UTF_8), AttackEventJson.encode(event)), (meta, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    }
                });
        points.add(EventPoints.of(event));
        mitigator.onEvent(event);
    }

    private void failIfSendFailed() {
        Exception e = sendFailure.get();
        if (e != null) {
            throw new ConnectException("the attacks topic did not take an event: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Commits only what the attacks topic and the state topic acknowledged (the detectors' changes written first);
     * writes the database's points as a view.
     */
    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        detection.saveChanged(); // the state that goes with these offsets: a restart resumes from both
        producer.flush();
        failIfSendFailed();
        state.flush();
        points.flush();
        return offsets;
    }

    @Override
    public void stop() {
        try {
            if (detection != null) {
                detection.saveChanged();
                state.flush();
            }
        } catch (RuntimeException e) {
            log.warn("DDoS sink: the last baselines could not be saved: {}", e.getMessage());
        } finally {
            if (speaker != null) {
                speaker.close();
            }
            if (writer != null) {
                writer.close();
            }
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            if (metrics != null) {
                metrics.close();
            }
        }
        log.info("DDoS sink task stopped after {} flows, {} attack events", flows, events);
    }
}
