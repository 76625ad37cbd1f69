package org.bwnetflow.connect.tenant.provision;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client quotas {@link TenantProvisioner#add} gives a tenant's user (entity {@code user=<name>}),
 * as asked: a value given here is set; a value left null is set to its default only when the user has
 * no quota of that key yet, so running {@code add} again never undoes a quota an operator raised.
 *
 * <p>Defaults, for a customer reading its own flows on a university network:
 * <ul>
 * <li>{@code consumer_byte_rate} 10 MiB/s (84 Mbit/s): several times the rate at which even a large
 *     customer's topic grows, so a consumer that was away catches up quickly, and under 1 % of a
 *     10 Gbit/s broker link, so a dozen tenants replaying their history at once cannot fill it.</li>
 * <li>{@code request_percentage} 25: a quarter of one broker I/O or network thread per quota window
 *     (a broker with Kafka's default 8 I/O and 3 network threads has 1,100 %); fetching 10 MiB/s takes
 *     a few percent, so only a client that floods the broker with requests meets it.</li>
 * </ul>
 * There is no {@code producer_byte_rate}: a tenant has no WRITE right anywhere, and the request
 * quota bounds what refused produce requests cost.
 *
 * @param consumerByteRate bytes per second, at least {@value #MIN_CONSUMER_BYTE_RATE}; null: the default for a new quota
 * @param requestPercentage percent of one request thread, above 0; null: the default for a new quota
 */
public record TenantQuotas(Long consumerByteRate, Double requestPercentage) {

    public static final String CONSUMER_BYTE_RATE = "consumer_byte_rate";
    public static final String REQUEST_PERCENTAGE = "request_percentage";
    public static final long DEFAULT_CONSUMER_BYTE_RATE = 10L * 1024 * 1024;
    public static final double DEFAULT_REQUEST_PERCENTAGE = 25;
    /** Below 1 KiB/s a limit is more likely a unit mistake ("10" for 10 MiB/s) than meant. */
    public static final long MIN_CONSUMER_BYTE_RATE = 1024;

    public TenantQuotas {
        if (consumerByteRate != null && consumerByteRate < MIN_CONSUMER_BYTE_RATE) {
            throw new IllegalArgumentException(CONSUMER_BYTE_RATE + " must be at least " + MIN_CONSUMER_BYTE_RATE
                    + " bytes/s, not " + consumerByteRate);
        }
        if (requestPercentage != null && !(requestPercentage > 0 && Double.isFinite(requestPercentage))) {
            throw new IllegalArgumentException(REQUEST_PERCENTAGE + " must be a number above 0, not "
                    + requestPercentage);
        }
    }

    /** Nothing asked: defaults for quotas the user does not have yet. */
    public static TenantQuotas defaults() {
        return new TenantQuotas(null, null);
    }

    /** The asked values by quota key; null where nothing was asked. */
    Map<String, Double> asked() {
        Map<String, Double> asked = new LinkedHashMap<>();
        asked.put(CONSUMER_BYTE_RATE, consumerByteRate == null ? null : consumerByteRate.doubleValue());
        asked.put(REQUEST_PERCENTAGE, requestPercentage);
        return asked;
    }

    static double defaultOf(String key) {
        return CONSUMER_BYTE_RATE.equals(key) ? DEFAULT_CONSUMER_BYTE_RATE : DEFAULT_REQUEST_PERCENTAGE;
    }

    /** A quota value as an operator reads it: {@code consumer 10 MiB/s}, {@code requests 25%}, else {@code key=value}. */
    public static String describe(String key, double value) {
        return switch (key) {
            case CONSUMER_BYTE_RATE -> "consumer " + byteRate(value);
            case REQUEST_PERCENTAGE -> "requests " + number(value) + "%";
            default -> key + "=" + number(value);
        };
    }

    /** E.g. {@code 10 MiB/s}, {@code 512 KiB/s}, {@code 1500 B/s}. */
    public static String byteRate(double bytesPerSecond) {
        double mib = 1024.0 * 1024;
        if (bytesPerSecond >= mib && bytesPerSecond % mib == 0) {
            return number(bytesPerSecond / mib) + " MiB/s";
        }
        if (bytesPerSecond >= 1024 && bytesPerSecond % 1024 == 0) {
            return number(bytesPerSecond / 1024) + " KiB/s";
        }
        return number(bytesPerSecond) + " B/s";
    }

    /** 25.0 as {@code 25}, 12.5 as {@code 12.5}. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
