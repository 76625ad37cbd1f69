package org.bwnetflow.connect.netflow.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.IngestHealth;
import org.bwnetflow.connect.netflow.source.offsets.OffsetFormat;
import org.bwnetflow.connect.netflow.testing.Datagrams;
import org.bwnetflow.connect.netflow.testing.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The task over real loopback UDP, with offsets kept in memory the way Connect keeps them. */
class NetFlowSourceTaskTest {

    private final Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
    private final List<NetFlowSourceTask> tasks = new ArrayList<>();
    private final int port = freeUdpPort();

    @AfterEach
    void stopTasks() {
        tasks.forEach(NetFlowSourceTask::stop);
    }

    @Test
    void decodesWhatExportersSendIntoFlowRecords() throws Exception {
        NetFlowSourceTask task = start(Map.of());
        send("netflow9_test_nprobe_tpl.dat", "netflow9_test_softflowd_tpl_data.dat", "netflow9_test_nprobe_data.dat");
        List<SourceRecord> records = pollUntil(task, 8);
        assertThat(records).hasSize(8).allSatisfy(record -> {
            assertThat(record.topic()).isEqualTo("flows-test");
            assertThat(record.key()).isNull();
            assertThat(record.valueSchema()).isSameAs(FlowMessageSchema.SCHEMA);
            assertThat(record.sourcePartition().get("exporter")).isEqualTo("127.0.0.1");
            assertThat(record.sourcePartition().keySet()).contains("domain", "version");
            assertThat(((Struct) record.value()).getBytes("SamplerAddress")).containsExactly(127, 0, 0, 1);
        });
        assertThat(records).anySatisfy(record -> assertThat(((Struct) record.value()).getInt64("DstPort"))
                .isEqualTo(123L));
    }

    /**
     * Templates that decoded flows are saved in the offsets: a restarted task decodes the next
     * data-only datagram at once. A template that never decoded a flow is not saved (a flood of
     * such templates must not turn into offset writes); the exporter's next resend brings it back.
     */
    @Test
    void aRestartedTaskDecodesDataAtOnceWithTemplatesFromItsOffsets() throws Exception {
        NetFlowSourceTask first = start(Map.of());
        send("ipfix_test_mikrotik_tpl.dat", "ipfix_test_mikrotik_data258.dat");
        List<SourceRecord> before = pollUntil(first, 1);
        commit(before);
        first.stop();
        tasks.remove(first);

        NetFlowSourceTask second = start(Map.of());
        send("ipfix_test_mikrotik_data258.dat"); // data only: the template is not sent again
        List<SourceRecord> after = pollUntil(second, before.size());
        assertThat(after).hasSameSizeAs(before);
        assertThat(((Struct) after.get(0).value()).getInt32("Type")).isEqualTo(4);

        send("ipfix_test_mikrotik_data259.dat"); // its template (259) came before the restart but decoded nothing
        Thread.sleep(300);
        assertThat(second.poll()).isNull();
    }

    @Test
    void withoutSavedOffsetsTheSameDataIsATemplateMiss() throws Exception {
        NetFlowSourceTask task = start(Map.of());
        send("ipfix_test_mikrotik_data259.dat");
        Thread.sleep(300);
        assertThat(task.poll()).isNull();
    }

    @Test
    void datagramsFromOutsideTheAllowlistNeverReachTheDecoder() throws Exception {
        NetFlowSourceTask task = start(Map.of("exporter.allowlist", "192.0.2.0/24"));
        send("netflow9_test_valid01.dat");
        Thread.sleep(300);
        assertThat(task.poll()).isNull();
    }

    @Test
    void keysByExporterWhenAsked() throws Exception {
        NetFlowSourceTask task = start(Map.of("record.key", "exporter"));
        send("netflow5_test_microtik.dat");
        List<SourceRecord> records = pollUntil(task, 30);
        assertThat(records).hasSize(30).allSatisfy(r -> assertThat(r.key()).isEqualTo("127.0.0.1"));
    }

    /** tasks.max > 1 on one worker: every task binds the same port (SO_REUSEPORT), each with two sockets. */
    @Test
    void severalTasksShareOnePortAndTogetherReceiveEverything() throws Exception {
        NetFlowSourceTask first = start(Map.of("receiver.threads", "2"));
        NetFlowSourceTask second = start(Map.of("receiver.threads", "2"));
        int exporters = 8;
        for (int i = 0; i < exporters; i++) {
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0." + (20 + i)))) {
                for (byte[] datagram : TestData.datagrams("netflow5_test_microtik.dat")) {
                    socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
                }
            }
        }
        List<SourceRecord> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (all.size() < exporters * 30 && System.currentTimeMillis() < deadline) {
            for (NetFlowSourceTask task : List.of(first, second)) {
                List<SourceRecord> batch = task.poll();
                if (batch != null) {
                    all.addAll(batch);
                }
            }
        }
        assertThat(all).hasSize(exporters * 30);
    }

    @Test
    void aPortAnotherProgramHoldsIsAClearStartError() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            assertThat(squatter.isBound()).isTrue();
            NetFlowSourceTask task = new NetFlowSourceTask();
            task.initialize(context());
            assertThatThrownBy(() -> task.start(config(Map.of())))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("listen.port")
                    .hasMessageContaining(String.valueOf(port));
        }
    }

    @Test
    void batchMaxRecordsIsHonouredExactlyAndNothingIsLost() throws Exception {
        NetFlowSourceTask task = start(Map.of("batch.max.records", "7"));
        send("netflow5_test_microtik.dat"); // one datagram of 30 flows
        List<Integer> sizes = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (sizes.stream().mapToInt(Integer::intValue).sum() < 30 && System.currentTimeMillis() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                sizes.add(batch.size());
            }
        }
        assertThat(sizes).containsExactly(7, 7, 7, 7, 2);
    }

    @Test
    void aReceiverThreadThatDiesFailsTheTask() throws Exception {
        NetFlowSourceTask task = new NetFlowSourceTask();
        task.allowlistWrapper = allowlist -> sender -> {
            throw new IllegalStateException("receiver bug");
        };
        task.initialize(context());
        task.start(config(Map.of()));
        tasks.add(task);
        send("netflow5_test_microtik.dat");
        assertThatThrownBy(() -> pollFor(task, 10_000)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("receiver").hasMessageContaining("receiver bug");
    }

    @Test
    void aBugInRecordBuildingFailsTheTaskAndIsNoDecoderError() throws Exception {
        NetFlowSourceTask task = new NetFlowSourceTask();
        task.structMapper = flow -> {
            throw new IllegalArgumentException("mapping bug");
        };
        task.initialize(context());
        task.start(config(Map.of()));
        tasks.add(task);
        send("netflow5_test_microtik.dat");
        assertThatThrownBy(() -> pollFor(task, 10_000)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("mapping bug").hasCauseInstanceOf(IllegalArgumentException.class);
    }

    /** A restored template lives only what is left of template.expiry.ms since the exporter last sent it. */
    @Test
    void aRestoredTemplateGetsOnlyTheRestOfItsExpiry() throws Exception {
        NetFlowSourceTask first = start(Map.of("template.expiry.ms", "4000"));
        send("ipfix_test_mikrotik_tpl.dat", "ipfix_test_mikrotik_data258.dat");
        commit(pollUntil(first, 1));
        first.stop();
        tasks.remove(first);
        Thread.sleep(1500);

        NetFlowSourceTask second = start(Map.of("template.expiry.ms", "4000"));
        send("ipfix_test_mikrotik_data258.dat");
        assertThat(pollUntil(second, 1)).isNotEmpty(); // 1.5 s after it was sent: 2.5 s left
        Thread.sleep(3000);
        send("ipfix_test_mikrotik_data258.dat");
        Thread.sleep(300);
        assertThat(second.poll()).isNull(); // 4.5 s after: expired, although restored only 3 s ago
    }

    /** Saved state of a domain that was idle longer than state.idle.expiry.ms is not restored, and is deleted. */
    @Test
    void staleSavedStateIsDeletedNotRestored() throws Exception {
        NetFlowSourceTask first = start(Map.of());
        send("ipfix_test_mikrotik_tpl.dat", "ipfix_test_mikrotik_data258.dat");
        commit(pollUntil(first, 1));
        first.stop();
        tasks.remove(first);
        assertThat(offsets.keySet()).anyMatch(p -> p.containsKey("template"));
        offsets.replaceAll((partition, offset) -> {
            Map<String, Object> aged = new HashMap<>(offset);
            aged.put("saved.at", System.currentTimeMillis() - 3_600_000L);
            return aged;
        });

        NetFlowSourceTask second = start(Map.of("state.idle.expiry.ms", "600000"));
        send("ipfix_test_mikrotik_data258.dat");
        Thread.sleep(500);
        assertThat(second.poll()).isNull();
        send("ipfix_test_mikrotik_tpl.dat", "ipfix_test_mikrotik_data258.dat");
        commit(pollUntil(second, 1));
        assertThat(offsets.values()).allSatisfy(offset -> assertThat((Long) offset.get("saved.at"))
                .isGreaterThan(System.currentTimeMillis() - 60_000));
    }

    /** An exporter forgotten after state.idle.expiry.ms takes its offsets with it (tombstones). */
    @Test
    void theOffsetsOfAnIdleExporterAreDeleted() throws Exception {
        NetFlowSourceTask task = start(Map.of("state.idle.expiry.ms", "1000"));
        send("ipfix_test_mikrotik_tpl.dat", "ipfix_test_mikrotik_data258.dat");
        commit(pollUntil(task, 1));
        assertThat(offsets.keySet()).anyMatch(p -> "127.0.0.1".equals(p.get("exporter")));
        Thread.sleep(1500);
        for (int i = 0; i < 20 && offsets.keySet().stream().anyMatch(p -> "127.0.0.1".equals(p.get("exporter"))); i++) {
            sendFrom("127.0.0.2", "netflow5_test_microtik.dat"); // another exporter's records carry the tombstones
            commit(pollUntil(task, 30));
        }
        assertThat(offsets.keySet()).noneMatch(p -> "127.0.0.1".equals(p.get("exporter")))
                .anyMatch(p -> "127.0.0.2".equals(p.get("exporter")));
    }

    /**
     * Ingest health: per exporter what it sent (datagrams, flows, gaps and what was lost before us),
     * and the task's own row with what it received and dropped, summed over the reports of the test.
     */
    @Test
    void reportsIngestHealthPerExporterAndForTheTask() throws Exception {
        NetFlowSourceTask task = start(Map.of("health.topic", "_ingest-health", "health.interval.ms", "1000",
                "exporter.allowlist", "127.0.0.1/32,127.0.0.2/32", "name", "edge-source"));
        sendRaw("127.0.0.1", v9WithOneFlow(1), v9WithOneFlow(2), v9WithOneFlow(5)); // 3 and 4 lost before us
        sendRaw("127.0.0.2", v9WithOneFlow(7), v9WithOneFlow(8), new byte[] {0, 9, 0, 1, 0, 0});
        sendRaw("127.0.0.3", v9WithOneFlow(1)); // not allowed

        Map<String, Map<String, Long>> sums = new HashMap<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (sums.getOrDefault(IngestHealth.TASK_ROW, Map.of()).getOrDefault(IngestHealth.DATAGRAMS_RECEIVED, 0L) < 7
                && System.currentTimeMillis() < deadline) {
            List<SourceRecord> batch = task.poll();
            for (SourceRecord record : batch == null ? List.<SourceRecord>of() : batch) {
                if (record.topic().equals("_ingest-health")) {
                    Struct health = (Struct) record.value();
                    assertThat(record.key()).isEqualTo(health.getString(IngestHealth.EXPORTER));
                    assertThat(health.getString(IngestHealth.CONNECTOR)).isEqualTo("edge-source");
                    assertThat(health.getInt64(IngestHealth.INTERVAL_MS)).isGreaterThanOrEqualTo(1000);
                    Map<String, Long> sum = sums.computeIfAbsent(health.getString(IngestHealth.EXPORTER),
                            e -> new HashMap<>());
                    IngestHealth.COUNTERS.forEach(c -> sum.merge(c, health.getInt64(c), Long::sum));
                }
            }
        }
        assertThat(sums).containsOnlyKeys("127.0.0.1", "127.0.0.2", IngestHealth.TASK_ROW);
        assertThat(sums.get("127.0.0.1")).containsEntry(IngestHealth.DATAGRAMS, 3L)
                .containsEntry(IngestHealth.FLOWS, 3L).containsEntry(IngestHealth.SEQUENCE_GAPS, 1L)
                .containsEntry(IngestHealth.SEQUENCE_MISSING, 2L).containsEntry(IngestHealth.NOT_ALLOWED, 0L);
        assertThat(sums.get("127.0.0.2")).containsEntry(IngestHealth.FLOWS, 2L)
                .containsEntry(IngestHealth.SEQUENCE_GAPS, 0L).containsEntry(IngestHealth.SEQUENCE_MISSING, 0L);
        assertThat(sums.get(IngestHealth.TASK_ROW)).containsEntry(IngestHealth.DATAGRAMS_RECEIVED, 7L)
                .containsEntry(IngestHealth.NOT_ALLOWED, 1L).containsEntry(IngestHealth.FLOWS, 5L)
                .containsEntry(IngestHealth.MALFORMED, 1L).containsEntry(IngestHealth.SEQUENCE_MISSING, 2L);
    }

    /**
     * A router with a wrong clock: of its flows, those whose TimeFlowEnd lies further than
     * flow.time.tolerance.ms from their receive time (a year ahead, in 1970, 45 s ahead of a 30 s
     * tolerance) are counted as clock-skewed at that exporter and in the task's row, and only those;
     * another exporter's correct flows (within the tolerance either way) count none. The flows
     * themselves keep the time the router sent.
     */
    @Test
    void countsTheFlowsOfARouterWithAWrongClockPerExporter() throws Exception {
        NetFlowSourceTask task = start(Map.of("health.topic", "_ingest-health", "health.interval.ms", "1000",
                "flow.time.tolerance.ms", "30000"));
        long now = System.currentTimeMillis();
        long yearAhead = now + 365L * 86_400_000;
        sendRaw("127.0.0.1", v9WithFlowsEndingAt(1, yearAhead, yearAhead + 5_000, 1_000, now - 2_000, now + 45_000));
        sendRaw("127.0.0.2", v9WithFlowsEndingAt(1, now - 1_000, now - 20_000, now + 10_000));

        Map<String, Map<String, Long>> sums = new HashMap<>();
        List<SourceRecord> flows = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (sums.getOrDefault(IngestHealth.TASK_ROW, Map.of()).getOrDefault(IngestHealth.FLOWS, 0L) < 8
                && System.currentTimeMillis() < deadline) {
            List<SourceRecord> batch = task.poll();
            for (SourceRecord record : batch == null ? List.<SourceRecord>of() : batch) {
                if (record.topic().equals("_ingest-health")) {
                    Struct health = (Struct) record.value();
                    Map<String, Long> sum = sums.computeIfAbsent(health.getString(IngestHealth.EXPORTER),
                            e -> new HashMap<>());
                    IngestHealth.COUNTERS.forEach(c -> sum.merge(c, health.getInt64(c), Long::sum));
                } else {
                    flows.add(record);
                }
            }
        }
        assertThat(sums).containsOnlyKeys("127.0.0.1", "127.0.0.2", IngestHealth.TASK_ROW);
        assertThat(sums.get("127.0.0.1")).containsEntry(IngestHealth.FLOWS, 5L).containsEntry(IngestHealth.CLOCK_SKEWED, 4L);
        assertThat(sums.get("127.0.0.2")).containsEntry(IngestHealth.FLOWS, 3L).containsEntry(IngestHealth.CLOCK_SKEWED, 0L);
        assertThat(sums.get(IngestHealth.TASK_ROW)).containsEntry(IngestHealth.FLOWS, 8L).containsEntry(IngestHealth.CLOCK_SKEWED, 4L);
        assertThat(flows).extracting(r -> ((Struct) r.value()).getInt64("TimeFlowEnd")).as("the times the routers sent")
                .containsExactlyInAnyOrder(yearAhead / 1000, (yearAhead + 5_000) / 1000, 1L, (now - 2_000) / 1000,
                        (now + 45_000) / 1000, (now - 1_000) / 1000, (now - 20_000) / 1000, (now + 10_000) / 1000);
    }

    @Test
    void reportsNoHealthWithoutAHealthTopic() throws Exception {
        NetFlowSourceTask task = start(Map.of());
        send("netflow5_test_microtik.dat");
        assertThat(pollUntil(task, 30)).allSatisfy(r -> assertThat(r.topic()).isEqualTo("flows-test"));
        Thread.sleep(1100);
        assertThat(task.poll()).isNull();
    }

    /** A v9 datagram with its template and one flow record. */
    private static byte[] v9WithOneFlow(long sequence) {
        return Datagrams.v9(sequence, 0).v9Template(256, 8, 4, 12, 4, 2, 4, 1, 4)
                .set(256, 4 + 16).u32(0x0A000001L).u32(0x0A000002L).u32(3).u32(1500).bytes();
    }

    /** A v9 datagram with its template and one flow per time, each ending then (flowEndMilliseconds, IE 153). */
    private static byte[] v9WithFlowsEndingAt(long sequence, long... endMillis) {
        Datagrams datagram = Datagrams.v9(sequence, 0).v9Template(256, 8, 4, 12, 4, 2, 4, 1, 4, 153, 8)
                .set(256, 4 + 24 * endMillis.length);
        for (long end : endMillis) {
            datagram.u32(0x0A000001L).u32(0x0A000002L).u32(3).u32(1500).u32(end >>> 32).u32(end);
        }
        return datagram.bytes();
    }

    private void sendRaw(String source, byte[]... datagrams) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(source))) {
            for (byte[] datagram : datagrams) {
                socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    /** Polls for the given time: for tests that expect poll() to throw before it is over. */
    private static void pollFor(NetFlowSourceTask task, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            task.poll();
        }
    }

    private NetFlowSourceTask start(Map<String, String> extra) {
        NetFlowSourceTask task = new NetFlowSourceTask();
        task.initialize(context());
        task.start(config(extra));
        tasks.add(task);
        return task;
    }

    private void sendFrom(String source, String... files) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName(source))) {
            for (byte[] datagram : TestData.datagrams(files)) {
                socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    private Map<String, String> config(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("topic", "flows-test", "listen.address", "127.0.0.1",
                "listen.port", String.valueOf(port), "poll.timeout.ms", "50", "exporter.allowlist", "127.0.0.0/8"));
        config.putAll(extra);
        return config;
    }

    /** What Connect does with the records' offsets once they are sent: the latest per partition, null deletes. */
    private void commit(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            @SuppressWarnings("unchecked")
            Map<String, Object> partition = (Map<String, Object>) record.sourcePartition();
            @SuppressWarnings("unchecked")
            Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
            assertThat(partition).isNotNull();
            if (offset == null) {
                offsets.remove(partition);
                continue;
            }
            // What Connect's OffsetUtils.validateFormat demands of every offset value.
            assertThat(offset.values()).allSatisfy(value ->
                    assertThat(value).isInstanceOfAny(String.class, Long.class, Integer.class, Boolean.class));
            assertThat(OffsetFormat.jsonSize(offset)).isLessThanOrEqualTo(OffsetFormat.MAX_OFFSET_BYTES);
            offsets.put(partition, offset);
        }
    }

    private void send(String... files) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (byte[] datagram : TestData.datagrams(files)) {
                socket.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    private static List<SourceRecord> pollUntil(NetFlowSourceTask task, int atLeast) throws InterruptedException {
        List<SourceRecord> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (all.size() < atLeast && System.currentTimeMillis() < deadline) {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                all.addAll(batch);
            }
        }
        return all;
    }

    private SourceTaskContext context() {
        OffsetStorageReader reader = new OffsetStorageReader() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return offsets.get((Map<String, Object>) partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
                partitions.forEach(p -> result.put(p, offset(p)));
                return result;
            }
        };
        return new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return Map.of();
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return reader;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        };
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
