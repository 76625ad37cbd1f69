package org.bwnetflow.connect.netflow.testing;

import static org.assertj.core.api.Assertions.fail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;

/** Finds the decoded flow an expectation describes, comparing values by FlowMessage field name ({@link FlowFields}). */
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

    public static DecodedFlow assertHasFlow(List<DecodedFlow> flows, Map<String, Object> expected) {
        DecodedFlow best = null;
        int bestMatches = -1;
        for (DecodedFlow flow : flows) {
            int matches = 0;
            for (Map.Entry<String, Object> e : expected.entrySet()) {
                if (e.getValue().equals(FlowFields.value(flow, e.getKey()))) {
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
                actual.put(key, FlowFields.value(best, key));
            }
        }
        return fail("no flow among %d matches %s; closest has %s", flows.size(), expected, actual);
    }
}
