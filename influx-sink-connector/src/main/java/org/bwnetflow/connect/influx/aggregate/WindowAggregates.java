package org.bwnetflow.connect.influx.aggregate;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.DST_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.DST_LARGE_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.ETYPE;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP_AS;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.PROTO_NAME;
import static org.bwnetflow.connect.model.FlowField.REMOTE_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_AS_PATH;
import static org.bwnetflow.connect.model.FlowField.SRC_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_LARGE_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.Counters;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/**
 * The counters of one window (of one Kafka partition): for every measurement of the spec, bytes,
 * packets and flows per distinct tag tuple. Single-threaded; {@link #add} allocates nothing once
 * the window's tag values and tuples have been seen.
 *
 * <p>Deterministic: the same records added in the same order give the same {@link #points}. The
 * first {@code tag.max.values} distinct values of a tag (in record order) keep their own value,
 * later new ones are written as {@code other}; the first {@code series.max.values} distinct tag
 * tuples of a measurement keep their own point, later new ones are added to the point whose tags
 * are all {@code other}. Both are counted ({@link #foldedValues}, {@link #foldedSeries}). The values
 * of a tag kind are numbered once per window for all measurements that have it (every flow goes to
 * every measurement, so each of them sees the same first values); {@code host} has its own bound,
 * {@code host.max.values}.
 *
 * <p>Tag values (see {@link TagKind}): the remote side of a flow is the address RemoteAddr names
 * (1 Src, 2 Dst); when RemoteAddr is 0 (Neither, or CustomerId did not run) it is bwNetFlow's
 * border model: ingress (FlowDirection 0) has the remote address in Src, egress in Dst. {@code host}
 * is the other (local) address and {@code remoteas} the remote side's (origin) AS (SrcAS or DstAS);
 * {@code neighboras} the neighbour AS towards the remote side (NextHopAS for a remote destination,
 * the first AS of SrcAsPath for a remote source, 0 when not known); {@code peer} is always the
 * remote-facing interface by FlowDirection (input for ingress, output for egress). Values a flow
 * does not carry are {@code unknown}.
 *
 * <p>{@code community} is the one tag with several values per flow: the communities of the remote
 * side's route (Dst/SrcCommunities and Dst/SrcLargeCommunities) that {@code communities} lists,
 * each distinct one once. A measurement with it adds the flow to one point per such community, and
 * leaves out a flow whose route has none; its points add up to the traffic of the listed
 * communities, not to the window's traffic.
 *
 * <p>Counters: bytes and packets are multiplied by SamplingRate (0 counts as 1) unless Normalized
 * is Yes; flows counts records and is never scaled (a sampled flow record is one observed flow,
 * not SamplingRate flows; bwNetFlow counted it so too). Sums saturate at {@link Long#MAX_VALUE}.
 *
 * <p>Top N ({@code host} in the tags): the hosts of each group of the other tags are ranked by
 * bytes (descending; ties by address, ascending); the top N get their own point, the rest (and
 * hosts beyond {@code host.max.values}) are summed into one point with {@code host=other}, so a
 * group's points add up to its total.
 */
public final class WindowAggregates {

    private static final String[] SMALL_NUMBERS = new String[256];

    static {
        for (int i = 0; i < SMALL_NUMBERS.length; i++) {
            SMALL_NUMBERS[i] = Integer.toString(i);
        }
    }

    private final AggregationSpec spec;
    private final long windowStartMillis;
    /** The tag kinds any measurement uses, and their values in this window (by ordinal). */
    private final TagKind[] kinds;
    private final TagValues[] values = new TagValues[TagKind.values().length];
    private final int[] ids = new int[TagKind.values().length];
    private final Series[] series;
    private final Communities communities;
    /** The community ids of the flow being added (distinct), and how many. */
    private int[] communityIds = new int[8];
    private int communityCount;
    /** Per community id, the flow ({@link #communityFlow}) that last counted it: a route's many communities are deduplicated in O(1). */
    private int[] communitySeen = new int[16];
    private int communityFlow;
    private long records;

    public WindowAggregates(AggregationSpec spec, long windowStartMillis) {
        this.spec = spec;
        this.windowStartMillis = windowStartMillis;
        List<TagKind> used = new ArrayList<>();
        for (TagKind kind : TagKind.values()) {
            if (spec.measurements().stream().anyMatch(m -> m.tags().contains(kind))) {
                used.add(kind);
                int limit = kind == TagKind.HOST ? spec.hostMaxValues() : spec.tagMaxValues();
                values[kind.ordinal()] = new TagValues(kind, limit, spec.portClasses());
            }
        }
        this.kinds = used.stream().filter(kind -> kind != TagKind.COMMUNITY).toArray(TagKind[]::new);
        this.communities = used.contains(TagKind.COMMUNITY) && !spec.communities().isEmpty() ? spec.communities() : null;
        this.series = new Series[spec.measurements().size()];
        for (int i = 0; i < series.length; i++) {
            series[i] = new Series(spec.measurements().get(i), values, spec.seriesMaxValues());
        }
    }

    public long windowStartMillis() {
        return windowStartMillis;
    }

    /** Adds one flow (a FlowMessage Struct) to every measurement. */
    public void add(Struct flow) {
        records++;
        long flowDirection = Flows.number(flow, FLOW_DIRECTION);
        long direction = flowDirection == 0 || flowDirection == 1 ? flowDirection : -1;
        int remote = Flows.remoteSide(flow, direction);
        for (TagKind kind : kinds) {
            ids[kind.ordinal()] = id(kind, values[kind.ordinal()], flow, direction, remote);
        }
        long factor = Flows.samplingFactor(flow);
        long bytes = Counters.scale(Flows.number(flow, BYTES), factor);
        long packets = Counters.scale(Flows.number(flow, PACKETS), factor);
        communityCount = communities == null ? 0 : communities(flow, remote, values[TagKind.COMMUNITY.ordinal()]);
        for (Series s : series) {
            if (!s.hasCommunity) {
                s.add(ids, bytes, packets);
                continue;
            }
            for (int i = 0; i < communityCount; i++) {
                ids[TagKind.COMMUNITY.ordinal()] = communityIds[i];
                s.add(ids, bytes, packets);
            }
        }
    }

    /** Collects the distinct ids of the listed communities of the remote side's route; their number. */
    private int communities(Struct flow, int remote, TagValues tag) {
        if (remote != 1 && remote != 2) {
            return 0;
        }
        int count = 0;
        communityFlow++;
        List<?> standard = list(flow, remote == 1 ? SRC_COMMUNITIES : DST_COMMUNITIES);
        for (int i = 0; i < standard.size(); i++) {
            long community = ((Number) standard.get(i)).longValue();
            if (communities.countsStandard(community)) {
                count = addCommunity(tag.ofCommunity(community, TagValues.STANDARD), count);
            }
        }
        List<?> large = list(flow, remote == 1 ? SRC_LARGE_COMMUNITIES : DST_LARGE_COMMUNITIES);
        for (int i = 0; i + 2 < large.size(); i += 3) {
            long a = ((Number) large.get(i)).longValue();
            long b = ((Number) large.get(i + 1)).longValue();
            long c = ((Number) large.get(i + 2)).longValue();
            if (communities.countsLarge(a, b, c)) {
                count = addCommunity(tag.ofCommunity(a << 32 | b, c), count);
            }
        }
        return count;
    }

    /** Adds an id unless the flow has it already (a community listed twice on a route, or several folded to other). */
    private int addCommunity(int id, int count) {
        if (id >= communitySeen.length) {
            communitySeen = Arrays.copyOf(communitySeen, Math.max(id + 1, communitySeen.length * 2));
        }
        if (communitySeen[id] == communityFlow) {
            return count;
        }
        communitySeen[id] = communityFlow;
        if (count == communityIds.length) {
            communityIds = Arrays.copyOf(communityIds, count * 2);
        }
        communityIds[count] = id;
        return count + 1;
    }

    private static List<?> list(Struct flow, FlowField field) {
        return (List<?>) flow.get(FlowMessageSchema.field(field));
    }

    /**
     * The neighbour AS towards the remote side: NextHopAS for a remote destination, the first AS of
     * SrcAsPath for a remote source (0 when its path is empty); -1 ({@code unknown}) when no side is remote.
     */
    private static long neighbourAs(Struct flow, int remote) {
        if (remote == 2) {
            return Flows.number(flow, NEXT_HOP_AS);
        }
        if (remote == 1) {
            List<?> path = list(flow, SRC_AS_PATH);
            return path.isEmpty() ? 0 : ((Number) path.get(0)).longValue();
        }
        return -1;
    }

    private static long remoteAs(Struct flow, int remote) {
        return remote == 1 ? Flows.number(flow, SRC_AS) : remote == 2 ? Flows.number(flow, DST_AS) : -1;
    }

    private static byte[] localAddress(Struct flow, int remote) {
        return remote == 1 ? Flows.bytes(flow, DST_ADDR) : remote == 2 ? Flows.bytes(flow, SRC_ADDR) : null;
    }

    private int id(TagKind kind, TagValues tag, Struct flow, long direction, int remote) {
        switch (kind) {
            case CID:
                return tag.ofNumber(Flows.number(flow, CID));
            case DIRECTION:
                return tag.ofNumber(direction);
            case IPVERSION:
                return tag.ofNumber(ipVersion(flow));
            case PROTONAME:
                return tag.ofText(protoName(flow));
            case APPLICATION:
                return application(tag, flow);
            case PEER:
                return tag.ofText(peer(flow, direction));
            case REMOTECOUNTRY:
                return tag.ofText(Flows.text(flow, REMOTE_COUNTRY));
            case REMOTEAS:
                return tag.ofNumber(remoteAs(flow, remote));
            case NEIGHBORAS:
                return tag.ofNumber(neighbourAs(flow, remote));
            case HOST:
                return tag.ofAddress(localAddress(flow, remote));
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    /** The port class; the class {@code other} is the tag's {@code other}, not a value of its own. */
    private int application(TagValues tag, Struct flow) {
        PortClasses ports = spec.portClasses();
        int portClass = ports.classify(Flows.number(flow, SRC_PORT), Flows.number(flow, DST_PORT));
        return portClass == ports.size() ? tag.otherId() : tag.ofNumber(portClass);
    }

    private static long ipVersion(Struct flow) {
        long etype = Flows.number(flow, ETYPE);
        if (etype == 0x0800) {
            return 4;
        }
        if (etype == 0x86DD) {
            return 6;
        }
        int length = Flows.bytes(flow, SRC_ADDR).length;
        return length == 4 ? 4 : length == 16 ? 6 : 0;
    }

    private static String protoName(Struct flow) {
        String name = Flows.text(flow, PROTO_NAME);
        if (!name.isEmpty()) {
            return name;
        }
        long proto = Flows.number(flow, PROTO);
        return proto >= 0 && proto < SMALL_NUMBERS.length ? SMALL_NUMBERS[(int) proto] : Long.toString(proto);
    }

    private static String peer(Struct flow, long direction) {
        if (direction < 0) {
            return "";
        }
        String desc = Flows.text(flow, direction == 0 ? SRC_IF_DESC : DST_IF_DESC);
        return desc.isEmpty() ? Flows.text(flow, direction == 0 ? SRC_IF_NAME : DST_IF_NAME) : desc;
    }

    /**
     * The window's points, measurement by measurement, each with the extra tags added (e.g. the
     * Kafka partition, so each partition's totals are their own series), at the window start. Each
     * point has its own tag values (a real value {@code other} and folded values are one point).
     *
     * @throws IllegalArgumentException when an extra tag is empty or has a measurement's tag key
     */
    public List<Point> points(Map<String, String> extraTags) {
        return points(extraTags, windowStartMillis, true);
    }

    /**
     * The window's points at {@code timestampMillis}; without {@code topLists}, the measurements
     * with a top N are left out (their host rows are final only once no flow can be added).
     */
    public List<Point> points(Map<String, String> extraTags, long timestampMillis, boolean topLists) {
        List<Point> points = new ArrayList<>();
        for (Series s : series) {
            for (TagKind kind : s.spec.tags()) {
                if (extraTags.containsKey(kind.configName())) {
                    throw new IllegalArgumentException("extra tag '" + kind.configName() + "' is a tag of measurement "
                            + s.spec.name());
                }
            }
            if (s.spec.isTopHosts()) {
                if (topLists) {
                    s.topHosts(extraTags, points, timestampMillis);
                }
            } else {
                for (int slot = 0; slot < s.size(); slot++) {
                    points.add(s.point(s.tags(slot, extraTags), s.counters, slot * 3, timestampMillis));
                }
            }
        }
        return points;
    }

    public boolean isEmpty() {
        return records == 0;
    }

    /** Flows added. */
    public long records() {
        return records;
    }

    /**
     * Tag values written as {@code other} because their tag had reached its limit (once per flow and
     * tag kind; for {@code community} once per folded community of a flow).
     */
    public long foldedValues() {
        long folded = 0;
        for (TagKind kind : kinds) {
            folded += values[kind.ordinal()].folded();
        }
        return folded;
    }

    /** Flows added to a measurement's all-{@code other} point because it had reached series.max.values. */
    public long foldedSeries() {
        long folded = 0;
        for (Series s : series) {
            folded += s.folded;
        }
        return folded;
    }

    /** Distinct tag tuples kept, over all measurements (a measure of the window's memory). */
    public long seriesCount() {
        long count = 0;
        for (Series s : series) {
            count += s.size();
        }
        return count;
    }

    /** One measurement's counters: tag tuples packed into longs (each tag's id at its own bits). */
    private static final class Series {
        final MeasurementSpec spec;
        final TagValues[] tagValues;
        final int[] ordinals;
        final int[] words;
        final int[] shifts;
        final long[] key;
        final long[] otherKey;
        final DenseIndex index;
        final int maxSeries;
        final int hostPosition;
        final boolean hasCommunity;
        long[] counters = new long[3 * 16];
        long folded;

        Series(MeasurementSpec spec, TagValues[] allValues, int maxSeries) {
            this.spec = spec;
            this.maxSeries = maxSeries;
            int n = spec.tags().size();
            ordinals = new int[n];
            words = new int[n];
            shifts = new int[n];
            tagValues = new TagValues[n];
            int bit = 0;
            int host = -1;
            for (int i = 0; i < n; i++) {
                TagKind kind = spec.tags().get(i);
                ordinals[i] = kind.ordinal();
                tagValues[i] = allValues[kind.ordinal()];
                int bits = tagValues[i].bits();
                if (bit % 64 + bits > 64) {
                    bit += 64 - bit % 64;
                }
                words[i] = bit / 64;
                shifts[i] = bit % 64;
                bit += bits;
                if (kind == TagKind.HOST) {
                    host = i;
                }
            }
            hostPosition = host;
            hasCommunity = spec.tags().contains(TagKind.COMMUNITY);
            int width = Math.max(1, (bit + 63) / 64);
            key = new long[width];
            otherKey = new long[width];
            for (int i = 0; i < n; i++) {
                otherKey[words[i]] |= (long) tagValues[i].otherId() << shifts[i];
            }
            index = new DenseIndex(width, 16);
        }

        int size() {
            return index.size();
        }

        void add(int[] ids, long bytes, long packets) {
            long[] k = key;
            int slot;
            if (k.length == 1) {
                long packed = 0;
                for (int i = 0; i < ordinals.length; i++) {
                    packed |= (long) ids[ordinals[i]] << shifts[i];
                }
                k[0] = packed;
                slot = index.find(packed);
            } else {
                Arrays.fill(k, 0);
                for (int i = 0; i < ordinals.length; i++) {
                    k[words[i]] |= (long) ids[ordinals[i]] << shifts[i];
                }
                slot = index.find(k);
            }
            if (slot < 0) {
                slot = newSeries();
            }
            long[] c = counters;
            int base = slot * 3;
            c[base] = Counters.add(c[base], bytes);
            c[base + 1] = Counters.add(c[base + 1], packets);
            c[base + 2]++;
        }

        /** Adds the tuple in {@code key}, or when the measurement is full, finds or adds the all-other tuple. */
        private int newSeries() {
            long[] k = key;
            if (index.size() >= maxSeries) {
                folded++;
                int other = index.find(otherKey);
                if (other >= 0) {
                    return other;
                }
                k = otherKey;
            }
            int slot = index.add(k);
            if ((slot + 1) * 3 > counters.length) {
                counters = Arrays.copyOf(counters, counters.length * 2);
            }
            return slot;
        }

        long counter(int slot, FieldKind field) {
            return counters[slot * 3 + field.ordinal()];
        }

        int id(int slot, int position) {
            long word = index.key(slot, words[position]);
            int bits = tagValues[position].bits();
            return (int) (word >>> shifts[position] & ((1L << bits) - 1));
        }

        SortedMap<String, String> tags(int slot, Map<String, String> extraTags) {
            SortedMap<String, String> tags = new TreeMap<>(extraTags);
            for (int i = 0; i < ordinals.length; i++) {
                tags.put(spec.tags().get(i).configName(), tagValues[i].text(id(slot, i)));
            }
            return tags;
        }

        /** A point of this measurement from the counters at {@code offset} (bytes, packets, flows). */
        Point point(SortedMap<String, String> tags, long[] sums, int offset, long timestamp) {
            Map<String, Long> fields = new LinkedHashMap<>();
            for (FieldKind field : spec.fields()) {
                fields.put(field.configName(), sums[offset + field.ordinal()]);
            }
            return new Point(spec.name(), tags, fields, timestamp);
        }

        /** Groups the tuples by their other tags, writes each group's top N hosts and sums the rest as host=other. */
        void topHosts(Map<String, String> extraTags, List<Point> points, long timestamp) {
            Map<List<Integer>, List<Integer>> groups = new LinkedHashMap<>();
            for (int slot = 0; slot < size(); slot++) {
                List<Integer> group = new ArrayList<>(ordinals.length);
                for (int i = 0; i < ordinals.length; i++) {
                    group.add(i == hostPosition ? -1 : id(slot, i));
                }
                groups.computeIfAbsent(group, g -> new ArrayList<>()).add(slot);
            }
            TagValues hosts = tagValues[hostPosition];
            int otherHost = hosts.otherId();
            for (List<Integer> slots : groups.values()) {
                slots.sort((a, b) -> {
                    int c = Boolean.compare(id(a, hostPosition) == otherHost, id(b, hostPosition) == otherHost);
                    c = c != 0 ? c : Long.compare(counter(b, FieldKind.BYTES), counter(a, FieldKind.BYTES));
                    return c != 0 ? c : hosts.compareAddresses(id(a, hostPosition), id(b, hostPosition));
                });
                long[] rest = null;
                int written = 0;
                for (int slot : slots) {
                    if (written < spec.topN() && id(slot, hostPosition) != otherHost) {
                        points.add(point(tags(slot, extraTags), counters, slot * 3, timestamp));
                        written++;
                    } else {
                        rest = rest == null ? new long[3] : rest;
                        for (int f = 0; f < 3; f++) {
                            rest[f] = Counters.add(rest[f], counters[slot * 3 + f]);
                        }
                    }
                }
                if (rest != null) {
                    SortedMap<String, String> tags = tags(slots.get(0), extraTags);
                    tags.put(TagKind.HOST.configName(), TagValues.OTHER);
                    points.add(point(tags, rest, 0, timestamp));
                }
            }
        }
    }
}
