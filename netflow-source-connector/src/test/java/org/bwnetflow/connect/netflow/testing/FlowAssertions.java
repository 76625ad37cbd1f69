package org.bwnetflow.connect.netflow.testing;

import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** Finds the flow an expectation describes, comparing FlowMessage fields by name. */
public final class FlowAssertions {

    private FlowAssertions() {
    }

    /** Builds an expectation: pairs of FlowMessage field name and value (String for addresses and MACs). */
    public static Map<String, Object> fields(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            map.put((String) pairs[i], value instanceof Integer ? Long.valueOf((Integer) value) : value);
        }
        return map;
    }

    public static Struct assertHasFlow(List<Struct> flows, Map<String, Object> expected) {
        Struct best = null;
        int bestMatches = -1;
        for (Struct flow : flows) {
            int matches = 0;
            for (Map.Entry<String, Object> e : expected.entrySet()) {
                if (e.getValue().equals(valueOf(flow, e.getKey()))) {
                    matches++;
                }
            }
            if (matches == expected.size()) {
                return flow;
            }
            if (matches > bestMatches) {
                bestMatches = matches;
                best = flow;
            }
        }
        Map<String, Object> actual = new LinkedHashMap<>();
        if (best != null) {
            for (String key : expected.keySet()) {
                actual.put(key, valueOf(best, key));
            }
        }
        return fail("no flow among %d matches %s; closest has %s", flows.size(), expected, actual);
    }

    /** A field as the test compares it: addresses and MACs as text, numbers as Long. */
    public static Object valueOf(Struct flow, String field) {
        Object value = flow.get(field);
        Schema.Type type = flow.schema().field(field).schema().type();
        if (type == Schema.Type.BYTES) {
            return addressText((byte[]) value);
        }
        if (field.endsWith("Mac")) {
            return macText((Long) value);
        }
        if (value instanceof Integer) {
            return Long.valueOf((Integer) value);
        }
        return value;
    }

    public static String addressText(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            return "invalid:" + bytes.length;
        }
    }

    public static String macText(long mac) {
        StringBuilder sb = new StringBuilder();
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(String.format("%02x", mac >>> shift & 0xFF));
        }
        return sb.toString();
    }
}
