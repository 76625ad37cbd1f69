package org.bwnetflow.connect.ddos.detection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopTalkersTest {

    @Test
    void aDominantKeyAmongFarMoreKeysThanCountersComesOutFirstWithAFairLowerBound() {
        TopTalkers<Integer> talkers = new TopTalkers<>(50);
        SplittableRandom random = new SplittableRandom(1);
        long dominant = 0;
        long total = 0;
        for (int i = 0; i < 20_000; i++) {
            long bytes = 1 + random.nextInt(1_000);
            int key = i % 3 == 0 ? 7 : 1_000 + random.nextInt(5_000); // a third of the flows, 5000 others
            talkers.add(key, bytes);
            dominant += key == 7 ? bytes : 0;
            total += bytes;
        }
        List<Map.Entry<Integer, Long>> top = talkers.top(5);
        assertThat(top.get(0).getKey()).isEqualTo(7);
        assertThat(top.get(0).getValue()).isLessThanOrEqualTo(dominant).isGreaterThan(dominant - total / 50);
        assertThat(top).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void exactWhileTheKeysFitAndRotationForgetsTheGenerationBeforeThePrevious() {
        TopTalkers<String> talkers = new TopTalkers<>(10);
        talkers.add("a", 100);
        talkers.add("b", 300);
        talkers.add("a", 50);
        assertThat(talkers.top(5)).containsExactly(Map.entry("b", 300L), Map.entry("a", 150L));
        talkers.rotate();
        talkers.add("a", 200);
        assertThat(talkers.top(1)).containsExactly(Map.entry("a", 350L));
        talkers.rotate();
        assertThat(talkers.top(5)).containsExactly(Map.entry("a", 200L));
    }

    @Test
    void countsSaturateInsteadOfWrapping() {
        TopTalkers<String> talkers = new TopTalkers<>(1);
        talkers.add("a", Long.MAX_VALUE);
        talkers.add("a", Long.MAX_VALUE);
        assertThat(talkers.top(1)).containsExactly(Map.entry("a", Long.MAX_VALUE));
        talkers.add("b", 10); // takes the only counter over, inheriting a's count as its error
        talkers.rotate();
        talkers.add("b", Long.MAX_VALUE);
        assertThat(talkers.top(2)).allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isPositive());
    }
}
