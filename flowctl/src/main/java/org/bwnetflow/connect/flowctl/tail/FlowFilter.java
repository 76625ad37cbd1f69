package org.bwnetflow.connect.flowctl.tail;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowMessageSchema;

/**
 * {@code Field=value} conditions, all of which must hold: numbers compare exactly, strings
 * exactly, addresses as text or by CIDR ({@code SrcAddr=10.0.0.0/8}).
 */
public final class FlowFilter implements Predicate<Struct> {

    private final List<Predicate<Struct>> conditions = new ArrayList<>();

    public FlowFilter(List<String> expressions) {
        for (String expression : expressions) {
            conditions.add(parse(expression));
        }
    }

    @Override
    public boolean test(Struct flow) {
        for (Predicate<Struct> condition : conditions) {
            if (!condition.test(flow)) {
                return false;
            }
        }
        return true;
    }

    private static Predicate<Struct> parse(String expression) {
        int eq = expression.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("filter '" + expression + "' is not Field=value");
        }
        String name = expression.substring(0, eq).trim();
        String value = expression.substring(eq + 1).trim();
        Field field = FlowMessageSchema.SCHEMA.field(name);
        if (field == null) {
            throw new IllegalArgumentException("filter '" + expression + "': no FlowMessage field " + name);
        }
        Schema.Type type = field.schema().type();
        switch (type) {
            case BYTES:
                return addressCondition(field, value, expression);
            case STRING:
                return flow -> value.equals(flow.get(field));
            case BOOLEAN:
                boolean expected = Boolean.parseBoolean(value);
                return flow -> expected == (Boolean) flow.get(field);
            default:
                long number;
                try {
                    number = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("filter '" + expression + "': " + name + " is a number");
                }
                return flow -> ((Number) flow.get(field)).longValue() == number;
        }
    }

    private static Predicate<Struct> addressCondition(Field field, String value, String expression) {
        int slash = value.indexOf('/');
        byte[] network;
        int prefix;
        try {
            network = InetAddress.getByName(slash < 0 ? value : value.substring(0, slash)).getAddress();
            prefix = slash < 0 ? network.length * 8 : Integer.parseInt(value.substring(slash + 1));
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("filter '" + expression + "': not an address or CIDR");
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("filter '" + expression + "': prefix length out of range");
        }
        return flow -> inPrefix((byte[]) flow.get(field), network, prefix);
    }

    /** Whether the first {@code prefix} bits of an address equal the network's (false across families). */
    public static boolean inPrefix(byte[] address, byte[] network, int prefix) {
        if (address.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
