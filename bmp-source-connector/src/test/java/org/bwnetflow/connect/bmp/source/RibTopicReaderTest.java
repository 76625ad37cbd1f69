package org.bwnetflow.connect.bmp.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.bmp.rib.RibCodec;
import org.bwnetflow.connect.bmp.rib.RouteKey;
import org.bwnetflow.connect.bmp.source.rib.RouteKeys;
import org.bwnetflow.connect.model.config.AddressAllowlist;
import org.junit.jupiter.api.Test;

/** What a starting task learns from the RIB topic: the keys whose last record is a route, of its own routers. */
class RibTopicReaderTest {

    private static final String TOPIC = "bgp-rib";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final byte[] ROUTER = {(byte) 192, 0, 2, 1};
    private static final byte[] OTHER_ROUTER = {(byte) 203, 0, 113, 1};

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

    private static RouteKey key(byte[] router, int third) {
        return new RouteKey(router, RibTable.LOC_RIB, new byte[0], 0, new byte[] {(byte) 198, 51, (byte) third, 0}, 24, 0);
    }

    private RibTopicReader reader() {
        return new RibTopicReader(() -> consumer, TOPIC, new AddressAllowlist(List.of("192.0.2.0/24")), Duration.ofSeconds(5));
    }

    private void partitions(long end0, long end1) {
        Node node = new Node(1, "localhost", 9092);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, node, null, null),
                new PartitionInfo(TOPIC, 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L));
        consumer.updateEndOffsets(Map.of(P0, end0, P1, end1));
    }

    private static ConsumerRecord<byte[], byte[]> record(TopicPartition partition, long offset, RouteKey key, boolean route) {
        return new ConsumerRecord<>(TOPIC, partition.partition(), offset, RibCodec.encodeKey(key), route ? new byte[] {8, 1} : null);
    }

    @Test
    void theLastRecordOfEachKeyDecidesAndOtherRoutersAreLeftAlone() throws Exception {
        partitions(4, 2);
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(P0, 0, key(ROUTER, 1), true));
            consumer.addRecord(record(P0, 1, key(ROUTER, 2), true));
            consumer.addRecord(record(P0, 2, key(ROUTER, 1), false)); // withdrawn later
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 3, new byte[] {(byte) 0xFF}, new byte[] {1})); // not ours
            consumer.addRecord(record(P1, 0, key(OTHER_ROUTER, 3), true)); // another connector's router
            consumer.addRecord(record(P1, 1, key(ROUTER, 4), true));
        });

        Map<InetAddress, RouteKeys> known = reader().load();

        assertThat(known).containsOnlyKeys(InetAddress.getByAddress(ROUTER));
        assertThat(known.get(InetAddress.getByAddress(ROUTER)).keys(ROUTER)).containsExactlyInAnyOrder(key(ROUTER, 2), key(ROUTER, 4));
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aTopicThatDoesNotExistYetHoldsNoRoutes() {
        assertThat(reader().load()).isEmpty();
    }

    @Test
    void aClusterThatCannotBeReadFailsTheTaskNamingTheKeys() {
        partitions(1, 0);
        consumer.setPollException(new KafkaException("broker gone"));

        assertThatThrownBy(() -> reader().load()).isInstanceOf(ConnectException.class)
                .hasMessageContaining(BmpSourceConfig.RIB_BOOTSTRAP_SERVERS).hasMessageContaining("broker gone");
    }
}
