package org.bwnetflow.connect.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;

/**
 * Random flows whose values hit the example filters' values often: every field set or absent at random, numbers
 * from the examples' values and anywhere in range, IPv4 and IPv6 addresses (also odd lengths), empty and
 * non-empty texts, repeated list values.
 */
final class RandomFlows {

    private static final long[] NUMBERS = {0, 1, 3, 6, 7, 8, 17, 53, 64, 80, 443, 1000, 1200, 1300, 1500, 40000, 64500, 64501,
        15169, 65535, 100_000, 2_147_483_651L, 0xFFFF_FFFFL, 4227072100L};
    private static final String[] TEXTS = {"", "DE", "US", "NL", "CN", "de", "ae0", "et-0/0/1", "say \"hi\"", "ü"};
    private static final String[] ADDRESSES = {"10.1.2.3", "10.9.9.9", "192.0.2.53", "172.16.0.1", "198.51.100.1", "0.0.0.0",
        "2001:db8::1", "2001:db8:1::5", "2001:db8::fe", "::", "::ffff:10.1.2.3", "8000::1", "ffff:ffff::"};

    private final Random random;

    RandomFlows(long seed) {
        this.random = new Random(seed);
    }

    Struct next() {
        Struct flow = FlowMessageSchema.newFlow();
        for (FlowField field : FlowField.all()) {
            if (random.nextInt(3) == 0) {
                continue; // absent
            }
            Object value = value(field);
            if (value != null) {
                flow.put(field.fieldName(), value);
            }
        }
        return flow;
    }

    private Object value(FlowField field) {
        switch (field.wireType()) {
            case UINT32:
                return random.nextBoolean() ? NUMBERS[random.nextInt(NUMBERS.length)] : random.nextLong() & 0xFFFF_FFFFL;
            case UINT64:
                return random.nextBoolean() ? NUMBERS[random.nextInt(NUMBERS.length)] : random.nextLong();
            case ENUM:
                return random.nextBoolean() ? (int) NUMBERS[random.nextInt(8)] : random.nextInt();
            case BOOL:
                return random.nextBoolean();
            case STRING:
                return TEXTS[random.nextInt(TEXTS.length)];
            case BYTES:
                return address();
            default:
                List<Long> values = new ArrayList<>();
                int count = random.nextInt(5);
                for (int i = 0; i < count; i++) {
                    values.add(random.nextBoolean() ? NUMBERS[random.nextInt(NUMBERS.length)] : random.nextLong() & 0xFFFF_FFFFL);
                }
                return values;
        }
    }

    private byte[] address() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            byte[] odd = new byte[random.nextInt(20)];
            random.nextBytes(odd);
            return odd;
        }
        if (kind <= 3) {
            byte[] bytes = new byte[kind == 1 ? 4 : 16];
            random.nextBytes(bytes);
            return bytes;
        }
        return ExampleFlows.address(ADDRESSES[random.nextInt(ADDRESSES.length)]);
    }
}
