package org.bwnetflow.connect.netflow.source.offsets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.bwnetflow.connect.netflow.decode.DomainState;
import org.bwnetflow.connect.netflow.decode.InterfaceInfo;
import org.bwnetflow.connect.netflow.decode.Template;

/**
 * How decoder state looks in Connect's offsets (format 2). Connect allows only primitive offset
 * values, so lists travel as strings; every value stays under {@link #MAX_OFFSET_BYTES}.
 *
 * <ul>
 *   <li>Domain partition {@code {exporter, version, domain}}: saved.at, sequence, sampling
 *       default, system init, the proven sampler rates, and the index of the template and
 *       interface partitions saved for it.
 *   <li>Template partition {@code {exporter, version, domain, template}}: one template and when
 *       the exporter last sent it.
 *   <li>Interface partition {@code {exporter, version, domain, interfaces}}: one of
 *       {@link #INTERFACE_BUCKETS} buckets of the interface table (ifIndex hashed), names
 *       length-prefixed so any character (and a name such as "-") round-trips.
 * </ul>
 */
public final class OffsetFormat {

    /** No offset value we write is larger than this (JSON-encoded, as the worker stores it). */
    public static final int MAX_OFFSET_BYTES = 64 * 1024;
    public static final int INTERFACE_BUCKETS = 1024;
    /** Sampler rates kept in a domain offset; real exporters announce a handful. */
    public static final int MAX_SAVED_SAMPLERS = 256;

    static final String EXPORTER = "exporter";
    static final String VERSION = "version";
    static final String DOMAIN = "domain";
    static final String TEMPLATE = "template";
    static final String INTERFACES = "interfaces";

    static final String FORMAT = "format";
    static final String SAVED_AT = "saved.at";
    static final String SEQUENCE = "sequence";
    static final String SAMPLING_DEFAULT = "sampling.default";
    static final String SYSTEM_INIT = "system.init";
    static final String SAMPLERS = "samplers";
    static final String TEMPLATES = "templates";
    static final String REFRESHED_AT = "refreshed.at";

    static final long FORMAT_VERSION = 2;

    private OffsetFormat() {
    }

    /**
     * Connect finds a stored offset by the serialized bytes of its partition, so the keys must
     * always come in the same order. The worker reads partitions back into a {@code HashMap}
     * (JsonConverter) and serializes that to look them up (GET and DELETE
     * /connectors/NAME/offsets do), so the order must be a HashMap's: never Map.of (its order
     * changes per JVM), nor a LinkedHashMap in some other order.
     */
    public static Map<String, Object> domainPartition(DomainState domain) {
        return domainPartition(domain.exporter().address().getHostAddress(), domain.version(), domain.domainId());
    }

    static Map<String, Object> domainPartition(String exporter, int version, long domainId) {
        HashMap<String, Object> partition = new HashMap<>();
        partition.put(EXPORTER, exporter);
        partition.put(VERSION, (long) version);
        partition.put(DOMAIN, domainId);
        return new PartitionMap(partition);
    }

    static Map<String, Object> templatePartition(Map<String, Object> domainPartition, int templateId) {
        return child(domainPartition, TEMPLATE, templateId);
    }

    static Map<String, Object> interfacePartition(Map<String, Object> domainPartition, int bucket) {
        return child(domainPartition, INTERFACES, bucket);
    }

    private static Map<String, Object> child(Map<String, Object> domainPartition, String key, long value) {
        // One put at a time into a default-capacity map, as the worker's JsonConverter does (putAll would
        // size the table differently, and the order with it).
        HashMap<String, Object> partition = new HashMap<>();
        domainPartition.forEach(partition::put);
        partition.put(key, value);
        return new PartitionMap(partition);
    }

    /** The interface partition an ifIndex lives in: a hash, so sparse ifIndexes spread evenly. */
    public static int bucketOf(long ifIndex) {
        return (int) ((ifIndex * 0x9E37_79B9_7F4A_7C15L) >>> 54) & (INTERFACE_BUCKETS - 1);
    }

    /** {@code id|kind|scopeCount|type:length[:enterprise],...}; kind is d (data) or o (options). */
    static String encodeTemplate(Template t) {
        StringBuilder sb = new StringBuilder(16 + t.fieldCount() * 8);
        sb.append(t.id()).append('|').append(t.isOptions() ? 'o' : 'd').append('|').append(t.scopeFieldCount()).append('|');
        for (int i = 0; i < t.fieldCount(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(t.type(i)).append(':').append(t.length(i));
            if (t.enterprise(i) != 0) {
                sb.append(':').append(t.enterprise(i));
            }
        }
        return sb.toString();
    }

    /** The template of {@link #encodeTemplate}'s format, or null if the text is not one. */
    static Template decodeTemplate(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 4 || !("d".equals(parts[1]) || "o".equals(parts[1]))) {
            return null;
        }
        try {
            int id = Integer.parseInt(parts[0]);
            int scopeCount = Integer.parseInt(parts[2]);
            String[] fields = parts[3].isEmpty() ? new String[0] : parts[3].split(",");
            if (id < 256 || id > 65535 || scopeCount < 0 || scopeCount > fields.length
                    || fields.length > Template.MAX_FIELDS) {
                return null;
            }
            int[] types = new int[fields.length];
            int[] lengths = new int[fields.length];
            long[] enterprises = new long[fields.length];
            for (int i = 0; i < fields.length; i++) {
                if (!decodeField(fields[i], i, types, lengths, enterprises)) {
                    return null;
                }
            }
            return new Template(id, "o".equals(parts[1]), scopeCount, types, enterprises, lengths);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code type:length[:enterprise]} into slot {@code i}; false if it is not one. */
    private static boolean decodeField(String field, int i, int[] types, int[] lengths, long[] enterprises) {
        String[] f = field.split(":");
        if (f.length < 2 || f.length > 3) {
            return false;
        }
        types[i] = Integer.parseInt(f[0]);
        lengths[i] = Integer.parseInt(f[1]);
        enterprises[i] = f.length == 3 ? Long.parseLong(f[2]) : 0;
        return lengths[i] >= 0 && lengths[i] <= 65535 && types[i] >= 0;
    }

    /**
     * Interface entries as {@code ifIndex,n,NAMEd,DESC} back to back, where n and d are the
     * lengths of name and description in characters (-1 for none): no escaping needed.
     */
    static String encodeInterfaces(Map<Long, InterfaceInfo> entries) {
        StringBuilder sb = new StringBuilder(entries.size() * 32);
        entries.forEach((ifIndex, info) -> {
            sb.append(ifIndex).append(',');
            text(sb, info.name());
            text(sb, info.description());
        });
        return sb.toString();
    }

    private static void text(StringBuilder sb, String value) {
        if (value == null) {
            sb.append("-1,");
        } else {
            sb.append(value.length()).append(',').append(value);
        }
    }

    /** The entries of {@link #encodeInterfaces}' format; stops at the first damaged entry. */
    static Map<Long, InterfaceInfo> decodeInterfaces(String text, int[] unreadable) {
        Map<Long, InterfaceInfo> entries = new LinkedHashMap<>();
        Cursor c = new Cursor(text);
        while (!c.atEnd()) {
            Long ifIndex = c.number();
            String name = ifIndex == null ? null : c.text();
            String desc = c.failed ? null : c.text();
            if (ifIndex == null || c.failed) {
                unreadable[0]++;
                break;
            }
            entries.put(ifIndex, new InterfaceInfo(name, desc));
        }
        return entries;
    }

    /** Template ids (or bucket numbers) as a compact sorted list: {@code 256-260,300}. */
    static String encodeIds(SortedSet<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        Integer runStart = null;
        Integer previous = null;
        for (Integer id : ids) {
            if (previous != null && id == previous + 1) {
                previous = id;
                continue;
            }
            appendRun(sb, runStart, previous);
            runStart = previous = id;
        }
        appendRun(sb, runStart, previous);
        return sb.toString();
    }

    private static void appendRun(StringBuilder sb, Integer start, Integer end) {
        if (start == null) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(',');
        }
        sb.append(start);
        if (!start.equals(end)) {
            sb.append('-').append(end);
        }
    }

    /** The ids of {@link #encodeIds}' format, at most {@code max} of them; damaged runs are skipped. */
    static List<Integer> decodeIds(Object value, int max) {
        List<Integer> ids = new ArrayList<>();
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            return ids;
        }
        for (String run : ((String) value).split(",")) {
            String[] ends = run.split("-", -1);
            try {
                int start = Integer.parseInt(ends[0]);
                int end = ends.length == 2 ? Integer.parseInt(ends[1]) : start;
                for (int id = start; id <= end && ids.size() < max && end - start < 65_536; id++) {
                    ids.add(id);
                }
            } catch (NumberFormatException e) {
                // a damaged run costs that run only
            }
        }
        return ids;
    }

    /** Sampler rates as {@code id=rate;id=rate}. */
    static String encodeSamplers(Map<Long, Long> rates) {
        StringBuilder sb = new StringBuilder();
        rates.forEach((id, rate) -> {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(id).append('=').append(rate);
        });
        return sb.toString();
    }

    static Map<Long, Long> decodeSamplers(Object value, int[] unreadable) {
        Map<Long, Long> rates = new LinkedHashMap<>();
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            return rates;
        }
        for (String item : ((String) value).split(";")) {
            String[] pair = item.split("=", -1);
            try {
                rates.put(Long.parseLong(pair[0]), Long.parseLong(pair[1]));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                unreadable[0]++;
            }
            if (rates.size() >= MAX_SAVED_SAMPLERS) {
                break;
            }
        }
        return rates;
    }

    /** The size of an offset value as the worker's JsonConverter writes it (closely, from above). */
    public static int jsonSize(Map<String, ?> offset) {
        if (offset == null) {
            return 0;
        }
        int size = 2;
        for (Map.Entry<String, ?> e : offset.entrySet()) {
            size += jsonText(e.getKey()) + 1;
            Object v = e.getValue();
            size += v instanceof String ? jsonText((String) v) : String.valueOf(v).length();
            size += 1;
        }
        return size;
    }

    private static int jsonText(String s) {
        int size = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20) {
                size += 6;
            } else if (c == '"' || c == '\\') {
                size += 2;
            } else if (c < 0x80) {
                size += 1;
            } else {
                size += c < 0x800 ? 2 : 3;
            }
        }
        return size;
    }

    static long number(Map<String, Object> offset, String key, long orElse) {
        Object value = offset == null ? null : offset.get(key);
        return value instanceof Number ? ((Number) value).longValue() : orElse;
    }

    static boolean isCurrentFormat(Map<String, Object> offset) {
        return number(offset, FORMAT, -1) == FORMAT_VERSION;
    }

    /** Reads {@code ifIndex,n,NAME...} text piece by piece. */
    private static final class Cursor {
        private final String text;
        private int pos;
        boolean failed;

        Cursor(String text) {
            this.text = text;
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        Long number() {
            int comma = text.indexOf(',', pos);
            if (comma < 0) {
                failed = true;
                return null;
            }
            try {
                long value = Long.parseLong(text.substring(pos, comma));
                pos = comma + 1;
                return value;
            } catch (NumberFormatException e) {
                failed = true;
                return null;
            }
        }

        String text() {
            Long length = number();
            if (length == null || length < -1 || length > text.length() - pos) {
                failed = true;
                return null;
            }
            if (length == -1) {
                return null;
            }
            String value = text.substring(pos, pos + length.intValue());
            pos += length.intValue();
            return value;
        }
    }
}
