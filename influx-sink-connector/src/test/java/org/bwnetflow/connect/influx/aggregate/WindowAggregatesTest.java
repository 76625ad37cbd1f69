package org.bwnetflow.connect.influx.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.CID;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.DST_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.ETYPE;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.NEXT_HOP_AS;
import static org.bwnetflow.connect.model.FlowField.NORMALIZED;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.PROTO_NAME;
import static org.bwnetflow.connect.model.FlowField.REMOTE_ADDR;
import static org.bwnetflow.connect.model.FlowField.REMOTE_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_AS_PATH;
import static org.bwnetflow.connect.model.FlowField.SRC_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.SRC_LARGE_COMMUNITIES;
import static org.bwnetflow.connect.model.FlowField.SRC_PORT;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.Test;

class WindowAggregatesTest {

    private static final long WINDOW = 1_700_000_010_000L;
    private static final Map<String, String> PARTITION = Map.of("partition", "3");

    /** An ingress flow from a remote IPv4 host to a local one: 100 bytes, 2 packets, TCP 443. */
    private static Struct flow() {
        Struct flow = TestFlows.flow("198.51.100.7", "192.0.2.10");
        Flows.setNumber(flow, CID, 42);
        Flows.setNumber(flow, FLOW_DIRECTION, 0);
        Flows.setNumber(flow, BYTES, 100);
        Flows.setNumber(flow, PACKETS, 2);
        Flows.setNumber(flow, PROTO, 6);
        Flows.setText(flow, PROTO_NAME, "TCP");
        Flows.setNumber(flow, SRC_PORT, 443);
        Flows.setNumber(flow, DST_PORT, 51234);
        Flows.setText(flow, SRC_IF_DESC, "uplink AS64500");
        Flows.setText(flow, REMOTE_COUNTRY, "DE");
        Flows.setNumber(flow, SRC_AS, 64500);
        Flows.setNumber(flow, DST_AS, 64501);
        return flow;
    }

    private static Struct with(Struct flow, FlowField field, long value) {
        return TestFlows.with(flow, field, value);
    }

    private static AggregationSpec spec(MeasurementSpec measurement, int tagMax, int hostMax, int seriesMax) {
        return new AggregationSpec(List.of(measurement), PortClasses.parse(PortClasses.DEFAULT), tagMax, hostMax, seriesMax);
    }

    private static AggregationSpec single(TagKind... tags) {
        return spec(new MeasurementSpec("m", List.of(tags), List.of(FieldKind.values()), 10), 1000, 1000, 1000);
    }

    private static List<Point> aggregate(AggregationSpec spec, Struct... flows) {
        WindowAggregates window = new WindowAggregates(spec, WINDOW);
        for (Struct flow : flows) {
            window.add(flow);
        }
        return window.points(PARTITION);
    }

    /** The values of one tag over the points, in point order. */
    private static List<String> tagValues(TagKind kind, Struct... flows) {
        List<String> values = new ArrayList<>();
        for (Point point : aggregate(single(kind), flows)) {
            values.add(point.tags().get(kind.configName()));
        }
        return values;
    }

    @Test
    void theDefaultSpecWritesBwNetFlowsDashboardMeasurements() {
        List<Point> points = aggregate(AggregationSpec.defaults(), flow(), flow());

        assertThat(points).as("flows_by_community writes nothing: no communities are listed").extracting(Point::measurement)
                .containsExactly("flows", "flows_by_country", "flows_by_as", "top_hosts", "flows_by_neighbor_as");
        assertThat(points.get(0).tags()).containsExactly(Map.entry("application", "www"), Map.entry("cid", "42"),
                Map.entry("direction", "in"), Map.entry("ipversion", "4"), Map.entry("partition", "3"),
                Map.entry("peer", "uplink AS64500"), Map.entry("protoname", "TCP"));
        assertThat(points.get(0).fields()).containsExactly(Map.entry("bytes", 200L), Map.entry("packets", 4L),
                Map.entry("flows", 2L));
        assertThat(points.get(1).tags()).containsEntry("remotecountry", "DE").hasSize(4);
        assertThat(points.get(2).tags()).containsEntry("remoteas", "64500").hasSize(4);
        assertThat(points.get(3).tags()).containsEntry("host", "192.0.2.10").hasSize(4);
        assertThat(points.get(4).tags()).containsEntry("neighboras", "0").hasSize(4);
        assertThat(points).allMatch(p -> p.timestampMillis() == WINDOW);
        assertThat(points.get(0).toLineProtocol(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("flows,application=www,cid=42,"
                + "direction=in,ipversion=4,partition=3,peer=uplink\\ AS64500,protoname=TCP bytes=200i,packets=4i,flows=2i "
                + "1700000010");
    }

    @Test
    void cidIsTheCustomerNumber() {
        assertThat(tagValues(TagKind.CID, flow(), with(flow(), CID, 0), with(flow(), CID, 4_000_000_000L)))
                .containsExactly("42", "0", "4000000000");
    }

    @Test
    void directionIsInForIngressOutForEgressElseUnknown() {
        assertThat(tagValues(TagKind.DIRECTION, flow(), with(flow(), FLOW_DIRECTION, 1), with(flow(), FLOW_DIRECTION, 2),
                with(flow(), FLOW_DIRECTION, 7))).containsExactly("in", "out", "unknown");
    }

    @Test
    void ipVersionComesFromEtypeElseFromTheAddressLength() {
        assertThat(tagValues(TagKind.IPVERSION, flow(), with(flow(), ETYPE, 0x86DD), TestFlows.flow("2001:db8::1", "2001:db8::2"),
                with(TestFlows.flow("2001:db8::1", "2001:db8::2"), ETYPE, 0x0800), FlowMessageSchema.newFlow()))
                .containsExactly("4", "6", "unknown");
    }

    @Test
    void protoNameFallsBackToTheNumber() {
        assertThat(tagValues(TagKind.PROTONAME, flow(), TestFlows.withText(with(flow(), PROTO, 47), PROTO_NAME, null),
                TestFlows.withText(with(flow(), PROTO, 300), PROTO_NAME, null))).containsExactly("TCP", "47", "300");
    }

    @Test
    void applicationIsThePortClass() {
        assertThat(tagValues(TagKind.APPLICATION, flow(), with(with(flow(), SRC_PORT, 40000), DST_PORT, 22),
                with(with(flow(), SRC_PORT, 40000), DST_PORT, 8080))).containsExactly("www", "ssh", "other");
    }

    @Test
    void peerIsTheRemoteFacingInterfacesDescriptionElseItsNameElseUnknown() {
        Struct egress = TestFlows.withText(with(flow(), FLOW_DIRECTION, 1), DST_IF_DESC, "transit B");
        Struct ingressNameOnly = TestFlows.withText(TestFlows.withText(flow(), SRC_IF_DESC, null), SRC_IF_NAME, "et-0/0/1");
        Struct egressNameOnly = TestFlows.withText(with(flow(), FLOW_DIRECTION, 1), DST_IF_NAME, "et-0/0/2");
        Struct nothing = TestFlows.withText(flow(), SRC_IF_DESC, null);
        assertThat(tagValues(TagKind.PEER, flow(), egress, ingressNameOnly, egressNameOnly, nothing))
                .containsExactly("uplink AS64500", "transit B", "et-0/0/1", "et-0/0/2", "unknown");
    }

    @Test
    void remoteCountryIsUnknownWhenEmpty() {
        assertThat(tagValues(TagKind.REMOTECOUNTRY, flow(), TestFlows.withText(flow(), REMOTE_COUNTRY, null)))
                .containsExactly("DE", "unknown");
    }

    @Test
    void remoteAsIsTheRemoteSidesAs() {
        Struct egress = with(flow(), FLOW_DIRECTION, 1);
        Struct remoteIsDst = with(with(flow(), REMOTE_ADDR, 2), DST_AS, 65000);
        Struct unknownDirection = with(flow(), FLOW_DIRECTION, 9);
        assertThat(tagValues(TagKind.REMOTEAS, flow(), egress, remoteIsDst, unknownDirection))
                .containsExactly("64500", "64501", "65000", "unknown");
    }

    @Test
    void neighborAsIsNextHopAsForARemoteDestinationAndTheFirstAsOfSrcAsPathForARemoteSource() {
        Struct remoteSrc = withList(flow(), SRC_AS_PATH, 64496L, 64497L, 64500L); // ingress: the remote side is Src
        Struct remoteSrcNoPath = with(flow(), NEXT_HOP_AS, 64999); // NextHopAS is towards Dst, the local side here
        Struct remoteDst = with(with(with(flow(), REMOTE_ADDR, 2), NEXT_HOP_AS, 64510), SRC_AS, 1);
        Struct egress = withList(with(with(flow(), FLOW_DIRECTION, 1), NEXT_HOP_AS, 64511), SRC_AS_PATH, 7L);
        Struct remoteSrcByRemoteAddr = withList(with(with(flow(), FLOW_DIRECTION, 1), REMOTE_ADDR, 1), SRC_AS_PATH, 4_200_000_000L);
        Struct unknownDirection = with(flow(), FLOW_DIRECTION, 9);
        assertThat(tagValues(TagKind.NEIGHBORAS, remoteSrc, remoteSrcNoPath, remoteDst, egress, remoteSrcByRemoteAddr,
                unknownDirection)).containsExactly("64496", "0", "64510", "64511", "4200000000", "unknown");
    }

    @Test
    void aFlowCountsOnceTowardsEachListedCommunityOfTheRemoteSidesRoute() {
        AggregationSpec spec = communitySpec("65000:100, 65000:200, 65001:*, 4200000000:1:2, 64512:*:*");
        Struct both = withList(flow(), SRC_COMMUNITIES, community(65000, 100), community(65000, 200), community(65000, 300));
        Struct wildcard = withList(withList(flow(), SRC_COMMUNITIES, community(65001, 7), community(65001, 8)),
                SRC_LARGE_COMMUNITIES, 4_200_000_000L, 1L, 2L, 4_200_000_000L, 1L, 3L, 64512L, 9L, 9L);
        Struct twice = withList(flow(), SRC_COMMUNITIES, community(65000, 100), community(65000, 100));
        Struct localSideOnly = withList(flow(), DST_COMMUNITIES, community(65000, 100)); // ingress: Dst is local
        Struct remoteDst = withList(with(flow(), REMOTE_ADDR, 2), DST_COMMUNITIES, community(65000, 200));
        Struct none = withList(flow(), SRC_COMMUNITIES, community(65002, 1));

        List<Point> points = aggregate(spec, both, wildcard, twice, localSideOnly, remoteDst, none);

        assertThat(points).extracting(p -> p.tags().get("community") + "=" + p.fields().get("flows") + "/" + p.fields().get("bytes"))
                .containsExactly("65000:100=2/200", "65000:200=2/200", "65001:7=1/100", "65001:8=1/100", "4200000000:1:2=1/100",
                        "64512:9:9=1/100");
        assertThat(points).allSatisfy(p -> assertThat(p.tags()).containsEntry("cid", "42").containsEntry("direction", "in"));
    }

    @Test
    void communitiesBeyondTheTagLimitFoldIntoOtherOncePerFlow() {
        AggregationSpec spec = new AggregationSpec(List.of(new MeasurementSpec("c", List.of(TagKind.COMMUNITY),
                List.of(FieldKind.FLOWS), 10)), PortClasses.parse(PortClasses.DEFAULT), 1, 10, 10,
                Communities.parse(List.of("65000:*")));
        WindowAggregates window = new WindowAggregates(spec, WINDOW);
        window.add(withList(flow(), SRC_COMMUNITIES, community(65000, 1), community(65000, 2), community(65000, 3)));

        assertThat(window.points(Map.of())).extracting(p -> p.tags().get("community") + "=" + p.fields().get("flows"))
                .containsExactly("65000:1=1", "other=1");
    }

    @Test
    void aCommunityMeasurementWritesNothingWithoutListedCommunitiesAndTheOthersAreUnchanged() {
        AggregationSpec spec = AggregationSpec.defaults();
        Struct flow = withList(flow(), SRC_COMMUNITIES, community(65000, 100));

        List<Point> points = aggregate(spec, flow);

        assertThat(points).extracting(Point::measurement).doesNotContain("flows_by_community");
        assertThat(aggregate(AggregationSpec.from(Map.of(AggregationSpec.COMMUNITIES, "65000:100")), flow))
                .filteredOn(p -> p.measurement().equals("flows_by_community")).singleElement()
                .satisfies(p -> assertThat(p.tags()).containsEntry("community", "65000:100"));
    }

    @Test
    void communityAggregationIsDeterministicSoAReplayWritesTheSamePoints() {
        Random random = new Random(5);
        List<Struct> flows = randomFlows(random, 1_000);
        for (int i = 0; i < flows.size(); i++) {
            long[] communities = new long[random.nextInt(4)];
            for (int c = 0; c < communities.length; c++) {
                communities[c] = community(65000 + random.nextInt(3), random.nextInt(20));
            }
            Struct flow = flows.get(i);
            flow.put(FlowMessageSchema.field(flow.getInt64("FlowDirection") == 0 ? SRC_COMMUNITIES : DST_COMMUNITIES),
                    java.util.Arrays.stream(communities).boxed().toList());
        }
        AggregationSpec spec = new AggregationSpec(List.of(new MeasurementSpec("c", List.of(TagKind.CID, TagKind.COMMUNITY),
                List.of(FieldKind.values()), 10)), PortClasses.parse(PortClasses.DEFAULT), 15, 10, 40,
                Communities.parse(List.of("65000:*", "65001:3", "65001:4")));

        List<Point> first = aggregate(spec, flows.toArray(new Struct[0]));

        assertThat(aggregate(spec, flows.toArray(new Struct[0]))).isEqualTo(first);
        assertThat(first).anyMatch(p -> p.tags().containsValue("other"));
        assertThat(first).noneMatch(p -> p.tags().get("community").startsWith("65002:"));
    }

    private static AggregationSpec communitySpec(String communities) {
        return new AggregationSpec(List.of(new MeasurementSpec("flows_by_community", List.of(TagKind.CID, TagKind.DIRECTION,
                TagKind.COMMUNITY), List.of(FieldKind.values()), 10)), PortClasses.parse(PortClasses.DEFAULT), 1000, 1000, 1000,
                Communities.parse(List.of(communities.split(","))));
    }

    private static long community(long as, long value) {
        return as << 16 | value;
    }

    private static Struct withList(Struct flow, FlowField field, Long... values) {
        flow.put(FlowMessageSchema.field(field), List.of(values));
        return flow;
    }

    @Test
    void hostIsTheLocalAddressAsText() {
        Struct egress = with(TestFlows.flow("2001:db8:0:0:1:0:0:1", "203.0.113.5"), FLOW_DIRECTION, 1);
        Struct remoteIsDst = with(TestFlows.flow("2001:0:0:1:0:0:0:0", "2001:db8::2"), REMOTE_ADDR, 2);
        Struct unknown = with(flow(), FLOW_DIRECTION, 5);
        assertThat(tagValues(TagKind.HOST, flow(), egress, remoteIsDst, unknown))
                .containsExactlyInAnyOrder("192.0.2.10", "2001:db8::1:0:0:1", "2001:0:0:1::", "unknown");
    }

    @Test
    void ipv6HostsAreWrittenInRfc5952Form() {
        assertThat(TagValues.addressText(6, 0, 1)).isEqualTo("::1");
        assertThat(TagValues.addressText(6, 0, 0)).isEqualTo("::");
        assertThat(TagValues.addressText(6, 0x20010db800000000L, 0x0000000000000001L)).isEqualTo("2001:db8::1");
        assertThat(TagValues.addressText(6, 0x20010db800010002L, 0x0003000400050006L)).isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(TagValues.addressText(6, 0x20010db800000001L, 0x0001000100010001L)).isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(TagValues.addressText(4, 0, 0xC0000201L)).isEqualTo("192.0.2.1");
    }

    @Test
    void bytesAndPacketsAreScaledBySamplingRateUnlessNormalizedFlowsNever() {
        Struct sampled = with(flow(), SAMPLING_RATE, 100);
        Struct normalized = with(with(flow(), SAMPLING_RATE, 100), NORMALIZED, 1);
        Struct rateUnknown = with(flow(), SAMPLING_RATE, 0);

        assertThat(aggregate(single(), sampled).get(0).fields()).containsExactly(Map.entry("bytes", 10_000L),
                Map.entry("packets", 200L), Map.entry("flows", 1L));
        assertThat(aggregate(single(), normalized).get(0).fields()).containsEntry("bytes", 100L).containsEntry("packets", 2L);
        assertThat(aggregate(single(), rateUnknown).get(0).fields()).containsEntry("bytes", 100L);
        assertThat(aggregate(single(), sampled, normalized, rateUnknown).get(0).fields()).containsExactly(
                Map.entry("bytes", 10_200L), Map.entry("packets", 204L), Map.entry("flows", 3L));
    }

    @Test
    void countersSaturateInsteadOfOverflowing() {
        Struct huge = with(with(flow(), BYTES, Long.MAX_VALUE / 2), SAMPLING_RATE, 3);
        Struct unsignedHuge = with(flow(), BYTES, -5); // a uint64 above 2^63

        assertThat(aggregate(single(), huge).get(0).fields()).containsEntry("bytes", Long.MAX_VALUE);
        assertThat(aggregate(single(), with(flow(), BYTES, Long.MAX_VALUE), flow()).get(0).fields())
                .containsEntry("bytes", Long.MAX_VALUE);
        assertThat(aggregate(single(), unsignedHuge).get(0).fields()).containsEntry("bytes", Long.MAX_VALUE);
    }

    @Test
    void onlyTheConfiguredFieldsAreWrittenInTheirOrder() {
        AggregationSpec spec = spec(new MeasurementSpec("m", List.of(TagKind.CID), List.of(FieldKind.FLOWS, FieldKind.BYTES), 10),
                10, 10, 10);
        assertThat(aggregate(spec, flow()).get(0).fields()).containsExactly(Map.entry("flows", 1L), Map.entry("bytes", 100L));
    }

    @Test
    void valuesBeyondTheLimitFoldIntoOtherAndAreCounted() {
        AggregationSpec spec = spec(new MeasurementSpec("m", List.of(TagKind.CID, TagKind.DIRECTION), List.of(FieldKind.FLOWS), 10),
                2, 10, 100);
        WindowAggregates window = new WindowAggregates(spec, WINDOW);
        for (long cid : new long[] {5, 7, 9, 5, 11, 9}) {
            window.add(with(flow(), CID, cid));
        }

        assertThat(window.points(Map.of())).extracting(p -> p.tags().get("cid") + "=" + p.fields().get("flows"))
                .containsExactly("5=2", "7=1", "other=3");
        assertThat(window.foldedValues()).isEqualTo(3);
        assertThat(window.records()).isEqualTo(6);
    }

    @Test
    void foldingKeepsTheFirstValuesInRecordOrderSoAReplayWritesTheSamePoints() {
        AggregationSpec spec = new AggregationSpec(AggregationSpec.defaults().measurements(), PortClasses.parse(PortClasses.DEFAULT),
                3, 5, 20);
        List<Struct> flows = randomFlows(new Random(11), 2_000);

        List<Point> first = aggregate(spec, flows.toArray(new Struct[0]));
        List<Point> replay = aggregate(spec, flows.toArray(new Struct[0]));

        assertThat(replay).isEqualTo(first);
        assertThat(first).anyMatch(p -> p.tags().containsValue("other"));
        Collections.reverse(flows);
        assertThat(aggregate(spec, flows.toArray(new Struct[0]))).isNotEqualTo(first);
    }

    @Test
    void totalsAreKeptWhenValuesAndSeriesFold() {
        AggregationSpec spec = new AggregationSpec(AggregationSpec.defaults().measurements(), PortClasses.parse(PortClasses.DEFAULT),
                3, 5, 20);
        List<Struct> flows = randomFlows(new Random(12), 3_000);
        WindowAggregates window = new WindowAggregates(spec, WINDOW);
        flows.forEach(window::add);

        List<Point> points = window.points(PARTITION);
        for (String measurement : List.of("flows", "flows_by_country", "flows_by_as", "top_hosts")) {
            assertThat(points.stream().filter(p -> p.measurement().equals(measurement)).mapToLong(p -> p.fields().get("flows")).sum())
                    .as(measurement).isEqualTo(3_000);
            assertThat(points.stream().filter(p -> p.measurement().equals(measurement))).hasSizeLessThanOrEqualTo(21);
        }
        assertThat(window.foldedValues()).isPositive();
        assertThat(window.foldedSeries()).isPositive();
    }

    @Test
    void seriesBeyondTheLimitGoToTheAllOtherPoint() {
        AggregationSpec spec = spec(new MeasurementSpec("m", List.of(TagKind.CID, TagKind.DIRECTION), List.of(FieldKind.FLOWS), 10),
                100, 10, 2);
        WindowAggregates window = new WindowAggregates(spec, WINDOW);
        window.add(with(flow(), CID, 1));
        window.add(with(flow(), CID, 2));
        window.add(with(with(flow(), CID, 1), FLOW_DIRECTION, 1));
        window.add(with(flow(), CID, 3));
        window.add(with(flow(), CID, 2));

        assertThat(window.points(Map.of())).extracting(p -> p.tags().get("cid") + "/" + p.tags().get("direction") + "="
                + p.fields().get("flows")).containsExactly("1/in=1", "2/in=2", "other/other=2");
        assertThat(window.foldedSeries()).isEqualTo(2);
        assertThat(window.foldedValues()).isZero();
    }

    @Test
    void aRealValueOtherAndFoldedValuesAreOnePoint() {
        AggregationSpec spec = spec(new MeasurementSpec("m", List.of(TagKind.REMOTECOUNTRY), List.of(FieldKind.FLOWS), 10), 1, 10, 10);
        List<Point> points = aggregate(spec, flow(), TestFlows.withText(flow(), REMOTE_COUNTRY, "other"),
                TestFlows.withText(flow(), REMOTE_COUNTRY, "NL"));

        assertThat(points).extracting(p -> p.tags().get("remotecountry") + "=" + p.fields().get("flows"))
                .containsExactly("DE=1", "other=2");
    }

    @Test
    void thePortClassOtherAndFoldedClassesAreOnePoint() {
        AggregationSpec spec = spec(new MeasurementSpec("m", List.of(TagKind.APPLICATION), List.of(FieldKind.FLOWS), 10), 1, 10, 10);
        WindowAggregates window = new WindowAggregates(spec, WINDOW);
        window.add(with(with(flow(), SRC_PORT, 40000), DST_PORT, 8080));
        window.add(flow());
        window.add(with(with(flow(), SRC_PORT, 40000), DST_PORT, 22));

        assertThat(window.points(Map.of())).extracting(p -> p.tags().get("application") + "=" + p.fields().get("flows"))
                .containsExactly("other=2", "www=1");
        assertThat(window.foldedValues()).isEqualTo(1);
    }

    @Test
    void topHostsWritesTheTopNByBytesPerGroupAndSumsTheRestAsOther() {
        AggregationSpec spec = spec(new MeasurementSpec("top", List.of(TagKind.CID, TagKind.DIRECTION, TagKind.HOST),
                List.of(FieldKind.BYTES, FieldKind.FLOWS), 2), 100, 100, 100);
        List<Struct> flows = new ArrayList<>(List.of(host("192.0.2.1", 42, 10), host("192.0.2.2", 42, 30), host("192.0.2.3", 42, 20),
                host("192.0.2.4", 42, 5), host("192.0.2.1", 42, 15), host("192.0.2.9", 7, 1)));

        List<Point> points = aggregate(spec, flows.toArray(new Struct[0]));

        assertThat(points).extracting(p -> p.tags().get("cid") + " " + p.tags().get("host") + "=" + p.fields().get("bytes") + "/"
                + p.fields().get("flows")).containsExactly("42 192.0.2.2=30/1", "42 192.0.2.1=25/2", "42 other=25/2",
                "7 192.0.2.9=1/1");
    }

    @Test
    void topHostsTiesAreBrokenByAddressWhateverTheRecordOrder() {
        AggregationSpec spec = spec(new MeasurementSpec("top", List.of(TagKind.HOST), List.of(FieldKind.BYTES), 2), 100, 100, 100);
        List<Struct> flows = new ArrayList<>(List.of(host("192.0.2.30", 42, 10), host("2001:db8::1", 42, 10),
                host("192.0.2.4", 42, 10), host("192.0.2.200", 42, 10)));
        List<String> expected = List.of("192.0.2.4", "192.0.2.30", "other");

        for (int rotation = 0; rotation < flows.size(); rotation++) {
            Collections.rotate(flows, 1);
            assertThat(aggregate(spec, flows.toArray(new Struct[0]))).extracting(p -> p.tags().get("host"))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void hostsBeyondTheHostLimitAreCountedAsOther() {
        AggregationSpec spec = spec(new MeasurementSpec("top", List.of(TagKind.HOST), List.of(FieldKind.BYTES), 5), 100, 2, 100);
        WindowAggregates window = new WindowAggregates(spec, WINDOW);
        window.add(host("192.0.2.1", 1, 1));
        window.add(host("192.0.2.2", 1, 1));
        window.add(host("192.0.2.3", 1, 500));

        assertThat(window.points(Map.of())).extracting(p -> p.tags().get("host") + "=" + p.fields().get("bytes"))
                .containsExactly("192.0.2.1=1", "192.0.2.2=1", "other=500");
        assertThat(window.foldedValues()).isEqualTo(1);
        window.add(host("192.0.2.4", 1, 1));
        assertThat(window.foldedValues()).isEqualTo(2);
    }

    @Test
    void extraTagsMustNotCollideWithTheMeasurementsTags() {
        WindowAggregates window = new WindowAggregates(AggregationSpec.defaults(), WINDOW);
        window.add(flow());

        assertThatThrownBy(() -> window.points(Map.of("cid", "1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cid");
    }

    @Test
    void pointsCanBeTakenAgainAndCarryTheWindowTotalsSoFar() {
        WindowAggregates window = new WindowAggregates(AggregationSpec.defaults(), WINDOW);
        window.add(flow());
        List<Point> first = window.points(PARTITION);

        assertThat(window.points(PARTITION)).isEqualTo(first);
        window.add(flow());
        assertThat(window.points(PARTITION)).hasSameSizeAs(first)
                .allSatisfy(p -> assertThat(p.fields()).containsEntry("bytes", 200L).containsEntry("flows", 2L));
    }

    @Test
    void anEmptyWindowHasNoPoints() {
        WindowAggregates window = new WindowAggregates(AggregationSpec.defaults(), WINDOW);

        assertThat(window.isEmpty()).isTrue();
        assertThat(window.points(PARTITION)).isEmpty();
        window.add(flow());
        assertThat(window.isEmpty()).isFalse();
        assertThat(window.windowStartMillis()).isEqualTo(WINDOW);
    }

    @Test
    void aMeasurementWithoutTagsWritesTheTotal() {
        List<Point> points = aggregate(single(), flow(), with(flow(), CID, 9));

        assertThat(points).hasSize(1);
        assertThat(points.get(0).tags()).isEqualTo(PARTITION);
        assertThat(points.get(0).fields()).containsEntry("flows", 2L);
    }

    @Test
    void wideTagTuplesSpanSeveralWords() {
        AggregationSpec spec = new AggregationSpec(List.of(new MeasurementSpec("m", List.of(TagKind.values()),
                List.of(FieldKind.FLOWS), 10)), PortClasses.parse(PortClasses.DEFAULT), 1_000_000, 10_000_000, 1000,
                Communities.parse(List.of("65000:*")));
        List<Struct> flows = randomFlows(new Random(3), 500);
        flows.forEach(flow -> withList(flow, flow.getInt64("FlowDirection") == 0 ? SRC_COMMUNITIES : DST_COMMUNITIES,
                community(65000, flow.getInt64("Cid"))));
        WindowAggregates window = new WindowAggregates(spec, WINDOW);
        flows.forEach(window::add);

        List<Point> points = window.points(Map.of());
        assertThat(points.stream().mapToLong(p -> p.fields().get("flows")).sum()).isEqualTo(500);
        assertThat(points).allMatch(p -> p.tags().size() == TagKind.values().length);
        assertThat(window.foldedValues() + window.foldedSeries()).isZero();
    }

    private static Struct host(String local, long cid, long bytes) {
        Struct flow = TestFlows.flow("198.51.100.7", local);
        Flows.setNumber(flow, CID, cid);
        Flows.setNumber(flow, BYTES, bytes);
        return flow;
    }

    private static List<Struct> randomFlows(Random random, int count) {
        List<Struct> flows = new ArrayList<>();
        String[] countries = {"DE", "NL", "US", "FR", "", "CN"};
        for (int i = 0; i < count; i++) {
            Struct flow = TestFlows.flow("198.51.100." + random.nextInt(50), "192.0.2." + random.nextInt(100));
            Flows.setNumber(flow, CID, random.nextInt(8));
            Flows.setNumber(flow, FLOW_DIRECTION, random.nextInt(2));
            Flows.setNumber(flow, BYTES, 40 + random.nextInt(1500));
            Flows.setNumber(flow, PACKETS, 1 + random.nextInt(3));
            Flows.setNumber(flow, SRC_PORT, random.nextBoolean() ? 443 : 1024 + random.nextInt(60000));
            Flows.setNumber(flow, DST_PORT, random.nextBoolean() ? 53 : 1024 + random.nextInt(60000));
            Flows.setNumber(flow, PROTO, random.nextBoolean() ? 6 : 17);
            Flows.setText(flow, SRC_IF_DESC, "peer " + random.nextInt(6));
            Flows.setText(flow, DST_IF_DESC, "peer " + random.nextInt(6));
            Flows.setText(flow, REMOTE_COUNTRY, countries[random.nextInt(countries.length)]);
            Flows.setNumber(flow, SRC_AS, 64500 + random.nextInt(10));
            Flows.setNumber(flow, DST_AS, 64600 + random.nextInt(10));
            flows.add(flow);
        }
        return flows;
    }
}
