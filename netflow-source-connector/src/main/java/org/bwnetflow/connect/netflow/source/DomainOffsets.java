package org.bwnetflow.connect.netflow.source;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.bwnetflow.connect.netflow.decode.DomainState;
import org.bwnetflow.connect.netflow.decode.InterfaceInfo;
import org.bwnetflow.connect.netflow.decode.Template;

/**
 * A domain's decoder state as a Connect source partition and offset, and back.
 *
 * <p>Partition: {@code {exporter, version, domain}}. Offset: the expected next sequence number,
 * the templates, sampling rates and interface names, each list as one string (Connect allows
 * only primitive offset values). Connect stores
 * the latest offset per partition, so a restarted or moved task gets every template back
 * without waiting for the exporter to resend it.
 */
final class DomainOffsets {

    static final String EXPORTER = "exporter";
    static final String VERSION = "version";
    static final String DOMAIN = "domain";

    static final String FORMAT = "format";
    static final String SEQUENCE = "sequence";
    static final String TEMPLATES = "templates";
    static final String SAMPLING_DEFAULT = "sampling.default";
    static final String SAMPLING_BY_SAMPLER = "sampling.samplers";
    static final String INTERFACES = "interfaces";

    private static final long FORMAT_VERSION = 1;
    /** Connect offsets hold only primitive values, so lists travel as separated strings. */
    private static final String LIST_SEPARATOR = ";";

    private DomainOffsets() {
    }

    /**
     * Connect finds a stored offset by the serialized bytes of its partition, so the keys must
     * always come in the same order: a LinkedHashMap, never Map.of (its order changes per JVM).
     */
    static Map<String, Object> partition(DomainState domain) {
        Map<String, Object> partition = new LinkedHashMap<>();
        partition.put(EXPORTER, domain.exporter().address().getHostAddress());
        partition.put(VERSION, (long) domain.version());
        partition.put(DOMAIN, domain.domainId());
        return Collections.unmodifiableMap(partition);
    }

    /** The full offset of a domain as it is now. */
    static Map<String, Object> offset(DomainState domain) {
        return withSequence(state(domain), domain.expectedSequence());
    }

    /** An offset from a state part and the sequence number, which changes with every datagram. */
    static Map<String, Object> withSequence(Map<String, Object> state, long expectedSequence) {
        Map<String, Object> offset = new HashMap<>(state);
        offset.put(SEQUENCE, expectedSequence);
        return offset;
    }

    /** Everything of the offset but the sequence number: changes only when templates, sampling or interfaces do. */
    static Map<String, Object> state(DomainState domain) {
        Map<String, Object> offset = new HashMap<>();
        offset.put(FORMAT, FORMAT_VERSION);
        StringJoiner templates = new StringJoiner(LIST_SEPARATOR);
        for (Template template : domain.templates()) {
            templates.add(encodeTemplate(template));
        }
        offset.put(TEMPLATES, templates.toString());
        offset.put(SAMPLING_DEFAULT, domain.defaultSamplingRate());
        StringJoiner samplers = new StringJoiner(LIST_SEPARATOR);
        domain.samplerRates().forEach((sampler, rate) -> samplers.add(sampler + "=" + rate));
        offset.put(SAMPLING_BY_SAMPLER, samplers.toString());
        StringJoiner interfaces = new StringJoiner(LIST_SEPARATOR);
        domain.interfaces().forEach((ifIndex, info) ->
                interfaces.add(ifIndex + "=" + escape(info.name()) + "," + escape(info.description())));
        offset.put(INTERFACES, interfaces.toString());
        return Map.copyOf(offset);
    }

    /**
     * The saved state of an offset, tolerant of what it cannot read: a damaged entry costs that
     * entry (the exporter resends templates anyway), never the task.
     */
    static SavedState read(Map<String, Object> offset) {
        SavedState saved = new SavedState();
        if (offset == null || !(offset.get(FORMAT) instanceof Number)
                || ((Number) offset.get(FORMAT)).longValue() != FORMAT_VERSION) {
            return saved;
        }
        if (offset.get(SEQUENCE) instanceof Number) {
            saved.expectedSequence = ((Number) offset.get(SEQUENCE)).longValue();
        }
        if (offset.get(SAMPLING_DEFAULT) instanceof Number) {
            saved.defaultSamplingRate = ((Number) offset.get(SAMPLING_DEFAULT)).longValue();
        }
        for (String item : items(offset.get(TEMPLATES))) {
            Template template = decodeTemplate(item);
            if (template != null) {
                saved.templates.add(template);
            } else {
                saved.unreadable++;
            }
        }
        for (String item : items(offset.get(SAMPLING_BY_SAMPLER))) {
            String[] pair = item.split("=", -1);
            Long sampler = pair.length == 2 ? parseLong(pair[0]) : null;
            Long rate = pair.length == 2 ? parseLong(pair[1]) : null;
            if (sampler != null && rate != null) {
                saved.samplerRates.put(sampler, rate);
            } else {
                saved.unreadable++;
            }
        }
        for (String item : items(offset.get(INTERFACES))) {
            int eq = item.indexOf('=');
            Long ifIndex = eq > 0 ? parseLong(item.substring(0, eq)) : null;
            String[] names = eq > 0 ? item.substring(eq + 1).split(",", -1) : new String[0];
            if (ifIndex != null && names.length == 2) {
                saved.interfaces.put(ifIndex, new InterfaceInfo(unescape(names[0]), unescape(names[1])));
            } else {
                saved.unreadable++;
            }
        }
        return saved;
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
            int[] types = new int[fields.length];
            int[] lengths = new int[fields.length];
            long[] enterprises = new long[fields.length];
            for (int i = 0; i < fields.length; i++) {
                String[] f = fields[i].split(":");
                if (f.length < 2 || f.length > 3) {
                    return null;
                }
                types[i] = Integer.parseInt(f[0]);
                lengths[i] = Integer.parseInt(f[1]);
                enterprises[i] = f.length == 3 ? Long.parseLong(f[2]) : 0;
                if (lengths[i] < 0 || lengths[i] > 65535 || types[i] < 0) {
                    return null;
                }
            }
            if (id < 256 || id > 65535 || scopeCount < 0 || scopeCount > fields.length) {
                return null;
            }
            return new Template(id, "o".equals(parts[1]), scopeCount, types, enterprises, lengths);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String[] items(Object value) {
        return value instanceof String && !((String) value).isEmpty() ? ((String) value).split(LIST_SEPARATOR) : new String[0];
    }

    /** Interface names may hold any character; percent-encoding keeps the separators unambiguous. A null name is "-". */
    private static String escape(String text) {
        return text == null ? "-" : URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String unescape(String text) {
        return "-".equals(text) ? null : URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** What {@link #read} recovered from an offset. */
    static final class SavedState {
        final List<Template> templates = new ArrayList<>();
        final Map<Long, Long> samplerRates = new HashMap<>();
        final Map<Long, InterfaceInfo> interfaces = new HashMap<>();
        long defaultSamplingRate;
        long expectedSequence = -1;
        int unreadable;

        boolean isEmpty() {
            return templates.isEmpty() && samplerRates.isEmpty() && interfaces.isEmpty() && defaultSamplingRate == 0
                    && expectedSequence < 0;
        }
    }
}
