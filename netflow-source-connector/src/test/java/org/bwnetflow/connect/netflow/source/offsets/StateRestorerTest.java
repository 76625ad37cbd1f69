package org.bwnetflow.connect.netflow.source.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/** Spoofed sources cannot turn into a storm of offset reads: new domains are read in batches, a few per second. */
class StateRestorerTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger partitionsRead = new AtomicInteger();

    private final OffsetStorageReader reader = new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            throw new AssertionError("the restorer reads in batches only");
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            calls.incrementAndGet();
            partitionsRead.addAndGet(partitions.size());
            try {
                Thread.sleep(20); // a round trip to the offsets topic
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new HashMap<>();
        }
    };

    @Test
    void elevenThousandNewExportersCostAFewBatchedReads() throws Exception {
        try (StateRestorer restorer = new StateRestorer(reader, 60_000, 60_000, "test")) {
            restorer.start();
            int accepted = 0;
            int refused = 0;
            List<StateRestorer.Result> results = new ArrayList<>();
            for (int i = 0; i < 11_000; i++) {
                InetAddress spoofed = InetAddress.getByAddress(new byte[] {127, 1, (byte) (i >> 8), (byte) i});
                if (restorer.request(new StateRestorer.DomainKey(spoofed, 9, i))) {
                    accepted++;
                } else {
                    refused++; // the queue is bounded: such a domain starts without saved state
                }
            }
            long deadline = System.currentTimeMillis() + 20_000;
            while (results.size() < accepted && System.currentTimeMillis() < deadline) {
                StateRestorer.Result r = restorer.poll();
                if (r == null) {
                    Thread.sleep(5);
                } else {
                    results.add(r);
                }
            }
            assertThat(results).hasSize(accepted).allSatisfy(r -> assertThat(r.saved()).isNull());
            assertThat(accepted + refused).isEqualTo(11_000);
            assertThat(accepted).isGreaterThanOrEqualTo(StateRestorer.MAX_QUEUED);
            assertThat(partitionsRead.get()).isEqualTo(accepted);
            assertThat(calls.get()).as("reads for %d domains", accepted)
                    .isLessThanOrEqualTo(accepted / StateRestorer.BATCH + 3);
            assertThat(restorer.reads()).isEqualTo(calls.get());
        }
    }

    @Test
    void aFailingReadLetsTheDomainsStartWithoutSavedState() throws Exception {
        OffsetStorageReader broken = new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                throw new IllegalStateException("offsets topic unavailable");
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                throw new IllegalStateException("offsets topic unavailable");
            }
        };
        try (StateRestorer restorer = new StateRestorer(broken, 60_000, 60_000, "test")) {
            restorer.start();
            restorer.request(new StateRestorer.DomainKey(InetAddress.getLoopbackAddress(), 10, 1));
            StateRestorer.Result result = null;
            long deadline = System.currentTimeMillis() + 5_000;
            while (result == null && System.currentTimeMillis() < deadline) {
                result = restorer.poll();
                Thread.sleep(5);
            }
            assertThat(result).isNotNull();
            assertThat(result.saved()).isNull();
            assertThat(restorer.readFailures()).isEqualTo(1);
        }
    }
}
