package org.bwnetflow.connect.influx.aggregate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.model.transform.DescribedValidator;

/**
 * What the sink aggregates: named measurements (tag set, fields, top N), the port classes of the
 * {@code application} tag and the per-window bounds on distinct tag values. Immutable; parsed once
 * from the connector config ({@link #define}, {@link #from}).
 *
 * <p>Config scheme: {@value #MEASUREMENTS} lists the measurement names; each name has
 * {@code measurement.<name>.tags}, {@code measurement.<name>.fields} and
 * {@code measurement.<name>.top.n}. The keys of the four default measurements are defined (with
 * their defaults, so the REST validate endpoint and the generated docs show them); any other
 * name may be listed too, and then its {@code tags} key is required. A {@code measurement.*} key
 * for a name that {@value #MEASUREMENTS} does not list, or with another suffix, is an error (a typo
 * must not silently drop a measurement).
 */
public final class AggregationSpec {

    public static final String MEASUREMENTS = "measurements";
    public static final String MEASUREMENT_PREFIX = "measurement.";
    public static final String TAGS_SUFFIX = ".tags";
    public static final String FIELDS_SUFFIX = ".fields";
    public static final String TOP_N_SUFFIX = ".top.n";
    public static final String TAG_MAX_VALUES = "tag.max.values";
    public static final String HOST_MAX_VALUES = "host.max.values";
    public static final String SERIES_MAX_VALUES = "series.max.values";
    public static final String APPLICATION_PORTS = "application.ports";
    public static final String COMMUNITIES = "communities";

    public static final String GROUP = "Aggregation";
    public static final int DEFAULT_TOP_N = 10;
    public static final int DEFAULT_TAG_MAX_VALUES = 1000;
    public static final int DEFAULT_HOST_MAX_VALUES = 50_000;
    public static final int DEFAULT_SERIES_MAX_VALUES = 100_000;
    static final int MAX_SERIES_MAX_VALUES = 10_000_000;
    static final int MAX_TAG_MAX_VALUES = 1_000_000;
    static final int MAX_HOST_MAX_VALUES = 10_000_000;
    static final int MAX_TOP_N = 10_000;
    static final int MAX_MEASUREMENTS = 50;

    /**
     * The default measurements and their tags: bwNetFlow's dashboard, and from BGP (issue 25) by
     * neighbour AS and by the communities {@value #COMMUNITIES} lists (none by default: that one
     * writes nothing until some are listed). By the remote side's origin AS is flows_by_as.
     */
    public static final Map<String, String> DEFAULT_TAGS = defaultTags();
    public static final String ALL_FIELDS = "bytes,packets,flows";

    private final List<MeasurementSpec> measurements;
    private final PortClasses portClasses;
    private final int tagMaxValues;
    private final int hostMaxValues;
    private final int seriesMaxValues;
    private final Communities communities;

    /** A spec without communities (a measurement with the {@code community} tag writes nothing). */
    public AggregationSpec(List<MeasurementSpec> measurements, PortClasses portClasses, int tagMaxValues,
            int hostMaxValues, int seriesMaxValues) {
        this(measurements, portClasses, tagMaxValues, hostMaxValues, seriesMaxValues, Communities.NONE);
    }

    public AggregationSpec(List<MeasurementSpec> measurements, PortClasses portClasses, int tagMaxValues,
            int hostMaxValues, int seriesMaxValues, Communities communities) {
        if (measurements.isEmpty()) {
            throw new IllegalArgumentException("no measurements");
        }
        Set<String> names = new HashSet<>();
        for (MeasurementSpec m : measurements) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("measurement '" + m.name() + "' is given twice");
            }
        }
        if (tagMaxValues < 1 || tagMaxValues > MAX_TAG_MAX_VALUES || hostMaxValues < 1 || hostMaxValues > MAX_HOST_MAX_VALUES
                || seriesMaxValues < 1 || seriesMaxValues > MAX_SERIES_MAX_VALUES) {
            throw new IllegalArgumentException("value bounds out of range: " + tagMaxValues + ", " + hostMaxValues + ", "
                    + seriesMaxValues);
        }
        this.measurements = List.copyOf(measurements);
        this.portClasses = portClasses;
        this.tagMaxValues = tagMaxValues;
        this.hostMaxValues = hostMaxValues;
        this.seriesMaxValues = seriesMaxValues;
        this.communities = communities;
    }

    /** The default spec: bwNetFlow's dashboard measurements, default port classes and bounds. */
    public static AggregationSpec defaults() {
        return from(Map.of());
    }

    /** Parses connector properties (only the keys {@link #define} defines, plus {@code measurement.*}). */
    public static AggregationSpec from(Map<String, ?> props) {
        return from(new AbstractConfig(define(new ConfigDef()), props, false));
    }

    public List<MeasurementSpec> measurements() {
        return measurements;
    }

    public PortClasses portClasses() {
        return portClasses;
    }

    /** Distinct values per tag per window before further values are written as {@code other}. */
    public int tagMaxValues() {
        return tagMaxValues;
    }

    /** Distinct hosts per window the top-N measurements rank; further hosts count as {@code other}. */
    public int hostMaxValues() {
        return hostMaxValues;
    }

    /** Distinct tag tuples per measurement per window; flows of later new tuples go to the all-{@code other} point. */
    public int seriesMaxValues() {
        return seriesMaxValues;
    }

    /** The communities the {@code community} tag counts; empty: none (its measurements write nothing). */
    public Communities communities() {
        return communities;
    }

    /** Adds the aggregation keys (group {@value #GROUP}) to a connector's ConfigDef. */
    public static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(MEASUREMENTS, ConfigDef.Type.LIST, String.join(",", DEFAULT_TAGS.keySet()),
                DescribedValidator.of("one or more distinct names of letters, digits, '_', '-'", AggregationSpec::validateNames),
                ConfigDef.Importance.HIGH, "The measurements written per window. Each name has the keys "
                        + "measurement.<name>.tags, .fields and .top.n; those of the default names are predefined with "
                        + "bwNetFlow's dashboard aggregations, any other name needs its .tags key.",
                GROUP, ++order, ConfigDef.Width.LONG, "Measurements");
        for (Map.Entry<String, String> entry : DEFAULT_TAGS.entrySet()) {
            order = defineMeasurement(def, entry.getKey(), entry.getValue(), order);
        }
        def.define(APPLICATION_PORTS, ConfigDef.Type.STRING, PortClasses.DEFAULT,
                DescribedValidator.of("class=port[,port...][;class=port...], ports 1-65535, each in one class",
                        AggregationSpec::validatePorts),
                ConfigDef.Importance.MEDIUM, "Port classes of the 'application' tag. A flow's class is that of the port "
                        + "(SrcPort or DstPort) in this table, the lower one when both are; 'other' when neither is. "
                        + "Empty: every flow is 'other'.", GROUP, ++order, ConfigDef.Width.LONG, "Application ports");
        def.define(COMMUNITIES, ConfigDef.Type.LIST, "",
                DescribedValidator.of("up to " + Communities.MAX_ENTRIES + " distinct of AS:value, AS:* (16 bits each), "
                        + "A:B:C, A:B:*, A:*:* (32 bits each)", AggregationSpec::validateCommunities),
                ConfigDef.Importance.MEDIUM, "BGP communities the 'community' tag counts (measurement flows_by_community): "
                        + "standard ones as AS:value or AS:* (every value of that AS), large ones as A:B:C, A:B:* or A:*:*. "
                        + "A flow counts once towards each listed community of the remote side's route (DstCommunities and "
                        + "DstLargeCommunities when the remote side is the destination, Src* when it is the source; set by "
                        + "the Routes transform); the tag value is the community, e.g. 65000:100. Empty: the measurements "
                        + "with the 'community' tag write nothing.", GROUP, ++order, ConfigDef.Width.LONG, "Communities");
        def.define(TAG_MAX_VALUES, ConfigDef.Type.INT, DEFAULT_TAG_MAX_VALUES,
                ConfigDef.Range.between(1, MAX_TAG_MAX_VALUES), ConfigDef.Importance.MEDIUM,
                "Distinct values per tag (except host) per window and partition. The first values in record order keep "
                        + "their own value; later new values are written as 'other' and counted, so a replay of the "
                        + "same records writes the same points.", GROUP, ++order, ConfigDef.Width.SHORT, "Tag values");
        def.define(HOST_MAX_VALUES, ConfigDef.Type.INT, DEFAULT_HOST_MAX_VALUES,
                ConfigDef.Range.between(1, MAX_HOST_MAX_VALUES), ConfigDef.Importance.LOW,
                "Distinct hosts per window and partition that the top-N measurements rank (about 100 bytes each). "
                        + "Later new hosts are counted under host=other.", GROUP, ++order, ConfigDef.Width.SHORT,
                "Host values");
        def.define(SERIES_MAX_VALUES, ConfigDef.Type.INT, DEFAULT_SERIES_MAX_VALUES,
                ConfigDef.Range.between(1, MAX_SERIES_MAX_VALUES), ConfigDef.Importance.LOW,
                "Distinct tag combinations (points) per measurement per window and partition (about 60 bytes each). "
                        + "Flows of later new combinations are added to the point whose tags are all 'other', and "
                        + "counted.", GROUP, ++order, ConfigDef.Width.SHORT, "Series");
        return def;
    }

    private static int defineMeasurement(ConfigDef def, String name, String tags, int order) {
        String prefix = MEASUREMENT_PREFIX + name;
        int next = order;
        def.define(prefix + TAGS_SUFFIX, ConfigDef.Type.LIST, tags,
                DescribedValidator.of("distinct tags of: " + TagKind.configNames(), AggregationSpec::validateTags),
                ConfigDef.Importance.MEDIUM, "Tags of the measurement '" + name + "' (if listed in " + MEASUREMENTS
                        + "); with 'host', only the top N hosts by bytes of each group of the other tags are written, "
                        + "the rest summed as host=other.", GROUP, ++next, ConfigDef.Width.LONG, name + " tags");
        def.define(prefix + FIELDS_SUFFIX, ConfigDef.Type.LIST, ALL_FIELDS,
                DescribedValidator.of("one or more distinct of: " + FieldKind.configNames(), AggregationSpec::validateFields),
                ConfigDef.Importance.LOW, "Fields of the measurement '" + name + "': bytes and packets are scaled by "
                        + "SamplingRate unless Normalized is Yes; flows counts records, unscaled.", GROUP, ++next,
                ConfigDef.Width.MEDIUM, name + " fields");
        def.define(prefix + TOP_N_SUFFIX, ConfigDef.Type.INT, DEFAULT_TOP_N, ConfigDef.Range.between(1, MAX_TOP_N),
                ConfigDef.Importance.LOW, "Hosts written per group of the measurement '" + name + "' when its tags "
                        + "include 'host'; ignored otherwise.", GROUP, ++next, ConfigDef.Width.SHORT, name + " top N");
        return next;
    }

    /** Builds the spec from a connector config whose ConfigDef went through {@link #define}. */
    public static AggregationSpec from(AbstractConfig config) {
        List<String> names = config.getList(MEASUREMENTS);
        Map<String, Object> extra = config.originalsWithPrefix(MEASUREMENT_PREFIX);
        checkExtraKeys(names, extra);
        List<MeasurementSpec> measurements = new ArrayList<>();
        for (String name : names) {
            String prefix = MEASUREMENT_PREFIX + name;
            boolean predefined = DEFAULT_TAGS.containsKey(name);
            Object tags = predefined ? config.getList(prefix + TAGS_SUFFIX) : extra.get(name + TAGS_SUFFIX);
            if (tags == null) {
                throw new InvalidKeyException(prefix + TAGS_SUFFIX, null, "measurement '" + name + "' is listed in "
                        + MEASUREMENTS + " but has no tags key (give its tags, or an empty value for none)");
            }
            Object fields = predefined ? config.getList(prefix + FIELDS_SUFFIX) : extra.getOrDefault(name + FIELDS_SUFFIX, ALL_FIELDS);
            Object topN = predefined ? config.getInt(prefix + TOP_N_SUFFIX) : extra.getOrDefault(name + TOP_N_SUFFIX, DEFAULT_TOP_N);
            measurements.add(new MeasurementSpec(name, tagKinds(prefix + TAGS_SUFFIX, tags),
                    fieldKinds(prefix + FIELDS_SUFFIX, fields), topN(prefix + TOP_N_SUFFIX, topN)));
        }
        PortClasses ports;
        try {
            ports = PortClasses.parse(config.getString(APPLICATION_PORTS));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(APPLICATION_PORTS, config.getString(APPLICATION_PORTS), e.getMessage());
        }
        Communities communities = communities(config.getList(COMMUNITIES));
        if (!communities.isEmpty() && measurements.stream().noneMatch(m -> m.tags().contains(TagKind.COMMUNITY))) {
            throw new InvalidKeyException(COMMUNITIES, config.getList(COMMUNITIES), "no measurement listed in " + MEASUREMENTS
                    + " has the tag 'community' (add flows_by_community), so these communities would not be counted");
        }
        return new AggregationSpec(measurements, ports, config.getInt(TAG_MAX_VALUES), config.getInt(HOST_MAX_VALUES),
                config.getInt(SERIES_MAX_VALUES), communities);
    }

    private static Communities communities(List<String> entries) {
        try {
            return Communities.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(COMMUNITIES, entries, e.getMessage());
        }
    }

    private static void checkExtraKeys(List<String> names, Map<String, Object> extra) {
        for (String key : extra.keySet()) {
            String full = MEASUREMENT_PREFIX + key;
            String suffix = key.endsWith(TAGS_SUFFIX) ? TAGS_SUFFIX : key.endsWith(FIELDS_SUFFIX) ? FIELDS_SUFFIX
                    : key.endsWith(TOP_N_SUFFIX) ? TOP_N_SUFFIX : null;
            if (suffix == null) {
                throw new InvalidKeyException(full, extra.get(key), "not a measurement key: use measurement.<name>.tags, "
                        + ".fields or .top.n");
            }
            String name = key.substring(0, key.length() - suffix.length());
            if (!names.contains(name)) {
                throw new InvalidKeyException(full, extra.get(key), "measurement '" + name + "' is not listed in "
                        + MEASUREMENTS + " " + names);
            }
        }
    }

    private static List<TagKind> tagKinds(String key, Object value) {
        List<String> items = list(key, value);
        validateTags(key, items);
        List<TagKind> kinds = new ArrayList<>();
        items.forEach(item -> kinds.add(TagKind.fromConfig(item)));
        return kinds;
    }

    private static List<FieldKind> fieldKinds(String key, Object value) {
        List<String> items = list(key, value);
        validateFields(key, items);
        List<FieldKind> kinds = new ArrayList<>();
        items.forEach(item -> kinds.add(FieldKind.fromConfig(item)));
        return kinds;
    }

    private static int topN(String key, Object value) {
        int parsed = (Integer) parse(key, value, ConfigDef.Type.INT);
        if (parsed < 1 || parsed > MAX_TOP_N) {
            throw new InvalidKeyException(key, value, "must be between 1 and " + MAX_TOP_N);
        }
        return parsed;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(String key, Object value) {
        return (List<String>) parse(key, value, ConfigDef.Type.LIST);
    }

    private static Object parse(String key, Object value, ConfigDef.Type type) {
        try {
            return ConfigDef.parseType(key, value, type);
        } catch (ConfigException e) {
            throw new InvalidKeyException(key, value, "not a " + type.toString().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private static void validateNames(String key, Object value) {
        List<?> names = (List<?>) value;
        if (names == null || names.isEmpty()) {
            throw new InvalidKeyException(key, value, "give one or more measurement names");
        }
        if (names.size() > MAX_MEASUREMENTS) {
            throw new InvalidKeyException(key, value, "more than " + MAX_MEASUREMENTS + " measurements");
        }
        Set<Object> seen = new HashSet<>();
        for (Object name : names) {
            if (!MeasurementSpec.NAME.matcher(name.toString()).matches()) {
                throw new InvalidKeyException(key, value, "'" + name + "' is not a name of letters, digits, '_' or '-'");
            }
            if (!seen.add(name)) {
                throw new InvalidKeyException(key, value, "'" + name + "' is listed twice");
            }
        }
    }

    private static void validateTags(String key, Object value) {
        Set<TagKind> seen = new HashSet<>();
        for (Object item : (List<?>) value) {
            TagKind kind = TagKind.fromConfig(item.toString());
            if (kind == null) {
                throw new InvalidKeyException(key, value, "'" + item + "' is not a tag; tags are " + TagKind.configNames());
            }
            if (!seen.add(kind)) {
                throw new InvalidKeyException(key, value, "tag '" + item + "' is given twice");
            }
        }
    }

    private static void validateFields(String key, Object value) {
        List<?> items = (List<?>) value;
        if (items.isEmpty()) {
            throw new InvalidKeyException(key, value, "give one or more fields of " + FieldKind.configNames());
        }
        Set<FieldKind> seen = new HashSet<>();
        for (Object item : items) {
            FieldKind kind = FieldKind.fromConfig(item.toString());
            if (kind == null) {
                throw new InvalidKeyException(key, value, "'" + item + "' is not a field; fields are " + FieldKind.configNames());
            }
            if (!seen.add(kind)) {
                throw new InvalidKeyException(key, value, "field '" + item + "' is given twice");
            }
        }
    }

    private static void validateCommunities(String key, Object value) {
        try {
            Communities.parse(((List<?>) value).stream().map(Object::toString).toList());
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(key, value, e.getMessage());
        }
    }

    private static void validatePorts(String key, Object value) {
        try {
            PortClasses.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(key, value, e.getMessage());
        }
    }

    /**
     * A config error with the key it is about, so {@code Connector.validate} can attach it to that key
     * (keys of user-named measurements are not in the ConfigDef, so Connect cannot do it itself).
     */
    public static final class InvalidKeyException extends ConfigException {
        private static final long serialVersionUID = 1L;
        private final String key;

        public InvalidKeyException(String key, Object value, String why) {
            super(key, value, why);
            this.key = key;
        }

        /** The config key the error is about. */
        public String key() {
            return key;
        }
    }

    private static Map<String, String> defaultTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("flows", "cid,direction,ipversion,protoname,application,peer");
        tags.put("flows_by_country", "cid,direction,remotecountry");
        tags.put("flows_by_as", "cid,direction,remoteas");
        tags.put("top_hosts", "cid,direction,host");
        tags.put("flows_by_neighbor_as", "cid,direction,neighboras");
        tags.put("flows_by_community", "cid,direction,community");
        return Collections.unmodifiableMap(tags);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AggregationSpec other && measurements.equals(other.measurements)
                && portClasses.equals(other.portClasses) && tagMaxValues == other.tagMaxValues
                && hostMaxValues == other.hostMaxValues && seriesMaxValues == other.seriesMaxValues
                && communities.equals(other.communities);
    }

    @Override
    public int hashCode() {
        return measurements.hashCode() * 31 + tagMaxValues;
    }

    @Override
    public String toString() {
        return "AggregationSpec" + measurements + " ports=" + portClasses + " tagMaxValues=" + tagMaxValues
                + " hostMaxValues=" + hostMaxValues + " seriesMaxValues=" + seriesMaxValues + " communities=" + communities;
    }
}
