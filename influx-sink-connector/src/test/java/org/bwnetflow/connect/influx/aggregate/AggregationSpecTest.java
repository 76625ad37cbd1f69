package org.bwnetflow.connect.influx.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.junit.jupiter.api.Test;

class AggregationSpecTest {

    private static final ConfigDef DEF = AggregationSpec.define(new ConfigDef());

    private static Map<String, String> props(String... pairs) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            props.put(pairs[i], pairs[i + 1]);
        }
        return props;
    }

    @Test
    void theDefaultsAreBwNetFlowsDashboard() {
        AggregationSpec spec = AggregationSpec.defaults();

        assertThat(spec.measurements()).extracting(MeasurementSpec::name)
                .containsExactly("flows", "flows_by_country", "flows_by_as", "top_hosts", "flows_by_neighbor_as",
                        "flows_by_community");
        assertThat(spec.measurements().get(0).tags()).containsExactly(TagKind.CID, TagKind.DIRECTION, TagKind.IPVERSION,
                TagKind.PROTONAME, TagKind.APPLICATION, TagKind.PEER);
        assertThat(spec.measurements().get(1).tags()).containsExactly(TagKind.CID, TagKind.DIRECTION, TagKind.REMOTECOUNTRY);
        assertThat(spec.measurements().get(2).tags()).containsExactly(TagKind.CID, TagKind.DIRECTION, TagKind.REMOTEAS);
        MeasurementSpec top = spec.measurements().get(3);
        assertThat(top.tags()).containsExactly(TagKind.CID, TagKind.DIRECTION, TagKind.HOST);
        assertThat(top.isTopHosts()).isTrue();
        assertThat(top.topN()).isEqualTo(10);
        assertThat(spec.measurements().get(4).tags()).containsExactly(TagKind.CID, TagKind.DIRECTION, TagKind.NEIGHBORAS);
        assertThat(spec.measurements().get(5).tags()).containsExactly(TagKind.CID, TagKind.DIRECTION, TagKind.COMMUNITY);
        assertThat(spec.communities().isEmpty()).as("flows_by_community is off until communities are listed").isTrue();
        assertThat(spec.measurements()).allMatch(m -> m.fields().equals(List.of(FieldKind.values())));
        assertThat(spec.portClasses()).isEqualTo(PortClasses.parse(PortClasses.DEFAULT));
        assertThat(spec.tagMaxValues()).isEqualTo(1000);
        assertThat(spec.hostMaxValues()).isEqualTo(50_000);
        assertThat(spec.seriesMaxValues()).isEqualTo(100_000);
    }

    @Test
    void defaultMeasurementsCanBeChangedAndUserNamedOnesAdded() {
        AggregationSpec spec = AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "flows, top_hosts, by_app",
                "measurement.flows.fields", "bytes", "measurement.top_hosts.top.n", "3",
                "measurement.by_app.tags", "CID, application", "measurement.by_app.fields", "flows,packets",
                AggregationSpec.APPLICATION_PORTS, "web=80,443", AggregationSpec.TAG_MAX_VALUES, "50"));

        assertThat(spec.measurements()).containsExactly(
                new MeasurementSpec("flows", List.of(TagKind.CID, TagKind.DIRECTION, TagKind.IPVERSION, TagKind.PROTONAME,
                        TagKind.APPLICATION, TagKind.PEER), List.of(FieldKind.BYTES), 10),
                new MeasurementSpec("top_hosts", List.of(TagKind.CID, TagKind.DIRECTION, TagKind.HOST),
                        List.of(FieldKind.values()), 3),
                new MeasurementSpec("by_app", List.of(TagKind.CID, TagKind.APPLICATION), List.of(FieldKind.FLOWS,
                        FieldKind.PACKETS), 10));
        assertThat(spec.portClasses().names()).containsExactly("web");
        assertThat(spec.tagMaxValues()).isEqualTo(50);
    }

    @Test
    void aUserNamedMeasurementMayHaveNoTags() {
        AggregationSpec spec = AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "total", "measurement.total.tags", ""));

        assertThat(spec.measurements().get(0).tags()).isEmpty();
    }

    @Test
    void invalidDefinedKeysAreReportedByValidateNamingTheKeyAndWhy() {
        assertThat(TestFlows.validationErrors(DEF, props("measurement.flows.tags", "cid,colour"), "measurement.flows.tags"))
                .singleElement().asString().contains("measurement.flows.tags").contains("'colour' is not a tag");
        assertThat(TestFlows.validationErrors(DEF, props("measurement.flows.tags", "cid,cid"), "measurement.flows.tags"))
                .singleElement().asString().contains("given twice");
        assertThat(TestFlows.validationErrors(DEF, props("measurement.flows.fields", "bits"), "measurement.flows.fields"))
                .singleElement().asString().contains("'bits' is not a field");
        assertThat(TestFlows.validationErrors(DEF, props("measurement.flows.fields", ""), "measurement.flows.fields"))
                .singleElement().asString().contains("one or more fields");
        assertThat(TestFlows.validationErrors(DEF, props(AggregationSpec.MEASUREMENTS, "a.b"), AggregationSpec.MEASUREMENTS))
                .singleElement().asString().contains("'a.b' is not a name");
        assertThat(TestFlows.validationErrors(DEF, props(AggregationSpec.MEASUREMENTS, "x,x"), AggregationSpec.MEASUREMENTS))
                .singleElement().asString().contains("listed twice");
        assertThat(TestFlows.validationErrors(DEF, props(AggregationSpec.MEASUREMENTS, ""), AggregationSpec.MEASUREMENTS))
                .singleElement().asString().contains("one or more");
        assertThat(TestFlows.validationErrors(DEF, props(AggregationSpec.APPLICATION_PORTS, "www=80;web=80"),
                AggregationSpec.APPLICATION_PORTS)).singleElement().asString().contains("application.ports")
                .contains("port 80 is in class 'www' and 'web'");
        assertThat(TestFlows.validationErrors(DEF, props(AggregationSpec.TAG_MAX_VALUES, "0"), AggregationSpec.TAG_MAX_VALUES))
                .singleElement().asString().contains("tag.max.values");
        assertThat(TestFlows.validationErrors(DEF, props("measurement.top_hosts.top.n", "0"), "measurement.top_hosts.top.n"))
                .singleElement().asString().contains("top.n");
    }

    @Test
    void userNamedMeasurementsAreCheckedWhenParsedNamingTheKey() {
        assertThatThrownBy(() -> AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "mine")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("measurement.mine.tags").hasMessageContaining("no tags key");
        assertThatThrownBy(() -> AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "mine", "measurement.mine.tags", "cid,as")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("measurement.mine.tags")
                .hasMessageContaining("'as' is not a tag");
        assertThatThrownBy(() -> AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "mine", "measurement.mine.tags", "cid",
                "measurement.mine.fields", "bytes,bytes"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("measurement.mine.fields").hasMessageContaining("given twice");
        assertThatThrownBy(() -> AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "mine", "measurement.mine.tags", "host",
                "measurement.mine.top.n", "ten"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("measurement.mine.top.n").hasMessageContaining("not a int");
        assertThatThrownBy(() -> AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "mine", "measurement.mine.tags", "host",
                "measurement.mine.top.n", "0"))).isInstanceOf(ConfigException.class).hasMessageContaining("measurement.mine.top.n");
    }

    @Test
    void errorsCarryTheirKeyForConnectorValidate() {
        assertThatThrownBy(() -> AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "mine", "measurement.mine.tags", "colour")))
                .isInstanceOfSatisfying(AggregationSpec.InvalidKeyException.class,
                        e -> assertThat(e.key()).isEqualTo("measurement.mine.tags"));
    }

    @Test
    void keysOfUnlistedMeasurementsOrWithUnknownSuffixesAreErrors() {
        assertThatThrownBy(() -> AggregationSpec.from(props("measurement.flow.tags", "cid")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("measurement.flow.tags")
                .hasMessageContaining("'flow' is not listed in measurements");
        assertThatThrownBy(() -> AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "flows", "measurement.top_hosts.top.n", "5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("measurement.top_hosts.top.n");
        assertThatThrownBy(() -> AggregationSpec.from(props("measurement.flows.tag", "cid")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("measurement.flows.tag")
                .hasMessageContaining("not a measurement key");
    }

    @Test
    void communitiesAreParsedStandardLargeAndWildcards() {
        AggregationSpec spec = AggregationSpec.from(props(AggregationSpec.COMMUNITIES,
                "65000:100, 65000:*, 0:0, 65535:65535, 4200000000:1:2, 4200000000:7:*, 64512:*:*"));

        Communities communities = spec.communities();
        assertThat(communities.entries()).containsExactly("65000:100", "65000:*", "0:0", "65535:65535", "4200000000:1:2",
                "4200000000:7:*", "64512:*:*");
        assertThat(communities.countsStandard(65000L << 16 | 100)).isTrue();
        assertThat(communities.countsStandard(65000L << 16 | 4711)).as("65000:*").isTrue();
        assertThat(communities.countsStandard(65001L << 16 | 100)).isFalse();
        assertThat(communities.countsStandard(0)).isTrue();
        assertThat(communities.countsStandard(0xFFFF_FFFFL)).isTrue();
        assertThat(communities.countsStandard(-1)).as("not a uint32").isFalse();
        assertThat(communities.countsLarge(4_200_000_000L, 1, 2)).isTrue();
        assertThat(communities.countsLarge(4_200_000_000L, 1, 3)).isFalse();
        assertThat(communities.countsLarge(4_200_000_000L, 7, 99)).as("A:B:*").isTrue();
        assertThat(communities.countsLarge(64512, 5, 6)).as("A:*:*").isTrue();
        assertThat(communities.countsLarge(64513, 5, 6)).isFalse();
        assertThat(communities.countsLarge(65000, 100, 0)).as("a standard entry is no large one").isFalse();
        assertThat(Communities.standardText(65000L << 16 | 100)).isEqualTo("65000:100");
        assertThat(Communities.largeText(4_200_000_000L << 32 | 1, 2)).isEqualTo("4200000000:1:2");
    }

    @Test
    void badCommunitiesAreReportedByValidateNamingTheEntryAndWhy() {
        String key = AggregationSpec.COMMUNITIES;
        assertThat(TestFlows.validationErrors(DEF, props(key, "65000:100,65536:1"), key)).singleElement().asString()
                .contains(key).contains("'65536:1'").contains("65536 is more than 65535").contains("large community");
        assertThat(TestFlows.validationErrors(DEF, props(key, "65000:70000"), key)).singleElement().asString()
                .contains("the value 70000 is more than 65535");
        assertThat(TestFlows.validationErrors(DEF, props(key, "65000"), key)).singleElement().asString()
                .contains("'65000' is no community");
        assertThat(TestFlows.validationErrors(DEF, props(key, "no-export"), key)).singleElement().asString()
                .contains("'no-export' is no community");
        assertThat(TestFlows.validationErrors(DEF, props(key, "*:100"), key)).singleElement().asString()
                .contains("'*:100'").contains("only at the end");
        assertThat(TestFlows.validationErrors(DEF, props(key, "1:*:3"), key)).singleElement().asString()
                .contains("'1:*:3'");
        assertThat(TestFlows.validationErrors(DEF, props(key, "1:2:3:4"), key)).singleElement().asString()
                .contains("'1:2:3:4' is no community");
        assertThat(TestFlows.validationErrors(DEF, props(key, "4294967296:1:1"), key)).singleElement().asString()
                .contains("4294967296 is more than 4294967295");
        assertThat(TestFlows.validationErrors(DEF, props(key, "-1:5"), key)).singleElement().asString()
                .contains("'-1' is not a number");
        assertThat(TestFlows.validationErrors(DEF, props(key, "65000:100, 65000:0100"), key)).singleElement().asString()
                .contains("listed twice");
        assertThat(TestFlows.validationErrors(DEF, props(key, "65000:100,65000:*"), key)).isEmpty();
    }

    @Test
    void communitiesWithoutACommunityMeasurementAreAnErrorNamingTheKey() {
        assertThatThrownBy(() -> AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "flows", AggregationSpec.COMMUNITIES,
                "65000:100"))).isInstanceOfSatisfying(AggregationSpec.InvalidKeyException.class, e -> {
                    assertThat(e.key()).isEqualTo(AggregationSpec.COMMUNITIES);
                    assertThat(e.getMessage()).contains("no measurement listed in measurements has the tag 'community'");
                });
        AggregationSpec own = AggregationSpec.from(props(AggregationSpec.MEASUREMENTS, "mine", "measurement.mine.tags",
                "cid,community", AggregationSpec.COMMUNITIES, "65000:100"));
        assertThat(own.communities().entries()).containsExactly("65000:100");
    }

    @Test
    void everyKeyIsDocumented() {
        assertThat(DEF.configKeys().values()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isEqualTo(AggregationSpec.GROUP);
        });
    }
}
