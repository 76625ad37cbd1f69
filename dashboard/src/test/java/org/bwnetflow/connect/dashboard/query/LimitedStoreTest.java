package org.bwnetflow.connect.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LimitedStoreTest {

    private static final TrafficQuery QUERY = new TrafficQuery(Measurement.FLOWS, null, Instant.EPOCH,
            Instant.EPOCH.plusSeconds(60), 10, null, 10);

    /** With every slot asking the database, one more request waits its time, then is told the store is busy. */
    @Test
    void aRequestBeyondTheSlotsWaitsThenIsBusy() throws Exception {
        CountDownLatch asking = new CountDownLatch(2);
        CountDownLatch answer = new CountDownLatch(1);
        TrafficStore slow = new TrafficStore() {
            @Override
            public List<Series> series(TrafficQuery query) {
                asking.countDown();
                try {
                    answer.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }

            @Override
            public List<Total> totals(TrafficQuery query) {
                return List.of();
            }

            @Override
            public Ingest ingest(TrafficQuery query) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String describe() {
                return "slow";
            }
        };
        LimitedStore store = new LimitedStore(slow, 2, 300);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<List<Series>> first = threads.submit(() -> store.series(QUERY));
        Future<List<Series>> second = threads.submit(() -> store.series(QUERY));
        assertThat(asking.await(5, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        assertThatThrownBy(() -> store.totals(QUERY)).isInstanceOf(StoreBusyException.class)
                .hasMessageContaining("query slots");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
        answer.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(second.get(5, TimeUnit.SECONDS)).isEmpty();
        assertThat(store.totals(QUERY)).as("a slot free again").isEmpty();
        threads.shutdown();
    }
}
