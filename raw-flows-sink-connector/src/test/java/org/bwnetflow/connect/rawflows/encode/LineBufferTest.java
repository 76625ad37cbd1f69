package org.bwnetflow.connect.rawflows.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineBufferTest {

    @Test
    void numbersAsLongToStringWritesThem() {
        Random random = new Random(7);
        long[] edges = {0, 9, 10, 99, 100, 101, 999, 1000, -1, -9, -10, -100, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1, 4_294_967_295L, 1_000_000_000_000_000_000L};
        for (long value : edges) {
            assertThat(text(value)).isEqualTo(Long.toString(value));
        }
        for (int i = 0; i < 100_000; i++) {
            long value = random.nextLong() >> random.nextInt(64);
            assertThat(text(value)).isEqualTo(Long.toString(value));
        }
    }

    @Test
    void theBufferGrowsAsNeeded() {
        LineBuffer buffer = new LineBuffer(1);
        for (int i = 0; i < 1000; i++) {
            buffer.beginLine();
            buffer.put("a line longer than sixteen bytes".getBytes(StandardCharsets.US_ASCII));
            buffer.put((byte) '\n');
            buffer.endLine();
        }
        assertThat(buffer.lines()).isEqualTo(1000);
        assertThat(buffer.line(999)).isEqualTo("a line longer than sixteen bytes");
    }

    private static String text(long value) {
        LineBuffer buffer = new LineBuffer(8);
        buffer.putLong(value);
        return new String(buffer.array(), 0, buffer.size(), StandardCharsets.US_ASCII);
    }
}
