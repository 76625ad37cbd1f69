package org.bwnetflow.connect.bmp.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.RibCodec;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.bwnetflow.connect.bmp.source.rib.RouteKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The task as Connect runs it, a router sending a real gobgpd capture to its TCP port on 127.0.0.1. */
class BmpSourceTaskTest {

    private final BmpSourceTask task = new BmpSourceTask();
    private final List<SourceRecord> records = new ArrayList<>();

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void start(long graceMs, Map<InetAddress, Set<RouteKey>> known) throws IOException {
        Map<String, String> props = BmpSourceConfigTest.minimal();
        props.put(BmpSourceConfig.ALLOWED_ROUTERS, "127.0.0.1");
        props.put(BmpSourceConfig.PORT, Integer.toString(freePort()));
        props.put(BmpSourceConfig.SESSION_GRACE_MS, Long.toString(graceMs));
        Map<InetAddress, RouteKeys> stored = new java.util.HashMap<>();
        known.forEach((router, keys) -> stored.put(router, RouteKeys.of(keys)));
        task.knownRoutes = config -> () -> stored;
        task.start(props);
    }

    private void pollUntil(int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            List<SourceRecord> batch = task.poll();
            if (batch != null) {
                records.addAll(batch);
            }
            return records.size() >= count;
        });
    }

    private static String describe(SourceRecord record) {
        RouteKey key = RibCodec.decodeKey((byte[]) record.key());
        return (record.value() == null ? "- " : "+ ") + key;
    }

    @AfterEach
    void stop() {
        task.stop();
    }

    @Test
    void aRoutersStreamBecomesRecordsOfTheRibTopic() throws Exception {
        start(60_000, Map.of());
        long before = System.currentTimeMillis();
        try (Socket router = new Socket("127.0.0.1", task.port())) {
            router.getOutputStream().write(Captures.bytes(Captures.LOC_RIB));
            pollUntil(4);
        }

        assertThat(records).extracting(BmpSourceTaskTest::describe).containsExactly(
                "+ 127.0.0.1 LOC_RIB peer - 198.51.100.0/24",
                "+ 127.0.0.1 LOC_RIB peer - 2001:db8:1:0:0:0:0:0/48",
                "+ 127.0.0.1 LOC_RIB peer - 203.0.113.0/24",
                "- 127.0.0.1 LOC_RIB peer - 203.0.113.0/24");
        SourceRecord first = records.get(0);
        assertThat(first.topic()).isEqualTo("bgp-rib");
        assertThat(first.keySchema()).isEqualTo(Schema.BYTES_SCHEMA);
        assertThat(RibCodec.decodeRoute((byte[]) first.value()).localPref()).isEqualTo(200);
        assertThat(RibCodec.decodeRoute((byte[]) first.value()).timeMonitored()).isBetween(before, System.currentTimeMillis());
        assertThat(first.timestamp()).isBetween(before, System.currentTimeMillis());
        assertThat(first.sourcePartition()).isEqualTo(Map.of("router", "127.0.0.1"));
        assertThat(first.sourceOffset().get("messages")).isEqualTo(2L);
        assertThat(first.sourceOffset().get("epoch")).isInstanceOf(Long.class);
        assertThat(records.get(3).sourceOffset().get("messages")).isEqualTo(5L);
    }

    @Test
    void afterARestartWhatTheRouterDoesNotAnnounceAgainGetsItsTombstoneAfterTheGrace() throws Exception {
        byte[] router = {127, 0, 0, 1};
        RouteKey gone = new RouteKey(router, RibTable.LOC_RIB, new byte[0], 0, new byte[] {(byte) 192, 0, 2, 0}, 24, 0);
        RouteKey still = new RouteKey(router, RibTable.LOC_RIB, new byte[0], 0, new byte[] {(byte) 198, 51, 100, 0}, 24, 0);
        start(500, Map.of(InetAddress.getByAddress(router), Set.of(gone, still)));

        try (Socket socket = new Socket("127.0.0.1", task.port())) {
            socket.getOutputStream().write(Captures.bytes(Captures.LOC_RIB));
            pollUntil(5);
        }

        assertThat(records).extracting(BmpSourceTaskTest::describe).containsExactly(
                "+ 127.0.0.1 LOC_RIB peer - 198.51.100.0/24",
                "+ 127.0.0.1 LOC_RIB peer - 2001:db8:1:0:0:0:0:0/48",
                "+ 127.0.0.1 LOC_RIB peer - 203.0.113.0/24",
                "- 127.0.0.1 LOC_RIB peer - 203.0.113.0/24",
                "- 127.0.0.1 LOC_RIB peer - 192.0.2.0/24");
    }

    @Test
    void aRouterThatLeavesLosesItsRoutesAfterTheGraceAndTheTaskGoesOn() throws Exception {
        start(300, Map.of());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", task.port()));
            socket.getOutputStream().write(Captures.bytes(Captures.LOC_RIB));
            pollUntil(4);
        }
        pollUntil(6);

        assertThat(records.subList(4, 6)).extracting(BmpSourceTaskTest::describe).containsExactlyInAnyOrder(
                "- 127.0.0.1 LOC_RIB peer - 198.51.100.0/24", "- 127.0.0.1 LOC_RIB peer - 2001:db8:1:0:0:0:0:0/48");
        assertThat(task.poll()).isNull();
    }
}
