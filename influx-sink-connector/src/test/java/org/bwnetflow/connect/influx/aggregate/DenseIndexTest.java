package org.bwnetflow.connect.influx.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseIndexTest {

    @Test
    void numbersKeysInInsertionOrderAcrossGrowth() {
        DenseIndex index = new DenseIndex(1, 1);
        Random random = new Random(5);
        long[] keys = random.longs(50_000).toArray();
        for (int i = 0; i < keys.length; i++) {
            assertThat(index.find(keys[i])).isEqualTo(-1);
            assertThat(index.add(keys[i])).isEqualTo(i);
        }

        assertThat(index.size()).isEqualTo(keys.length);
        for (int i = 0; i < keys.length; i++) {
            assertThat(index.find(keys[i])).isEqualTo(i);
            assertThat(index.key(i, 0)).isEqualTo(keys[i]);
        }
        assertThat(index.find(0L)).isEqualTo(-1);
    }

    @Test
    void wideKeysCompareEveryWord() {
        DenseIndex index = new DenseIndex(3, 1);
        for (int i = 0; i < 10_000; i++) {
            index.add(new long[] {i % 3, i / 3, 0});
        }

        assertThat(index.find(new long[] {2, 1000, 0})).isEqualTo(3002);
        assertThat(index.find(new long[] {2, 1000, 1})).isEqualTo(-1);
        assertThat(index.key(3002, 1)).isEqualTo(1000);
    }
}
