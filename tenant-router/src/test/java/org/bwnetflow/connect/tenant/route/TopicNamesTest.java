package org.bwnetflow.connect.tenant.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void legalNames() {
        assertThat(TopicNames.problem("flows-unassigned")).isNull();
        assertThat(TopicNames.problem("a.b_c-D9")).isNull();
        assertThat(TopicNames.problem("x".repeat(249))).isNull();
    }

    @Test
    void illegalNames() {
        assertThat(TopicNames.problem("")).contains("empty");
        assertThat(TopicNames.problem("..")).contains("not a legal topic name");
        assertThat(TopicNames.problem("x".repeat(250))).contains("at most 249 characters, this one 250");
        assertThat(TopicNames.problem("flows unassigned")).contains("' ' at position 5 is not allowed");
        assertThat(TopicNames.problem("flöws")).contains("'ö' at position 2");
    }

    @Test
    void aPrefixMustLeaveRoomForTenDigits() {
        assertThat(TopicNames.prefixProblem("")).isNull();
        assertThat(TopicNames.prefixProblem("flows-")).isNull();
        assertThat(TopicNames.prefixProblem("x".repeat(239))).isNull();
        assertThat(TopicNames.prefixProblem("x".repeat(240))).contains("at most 239, this one 240");
        assertThat(TopicNames.prefixProblem("flows/")).contains("'/' at position 5");
    }

    @Test
    void theTopicCacheBuildsEachNameOnceAndSurvivesCollisions() {
        TopicCache cache = new TopicCache("flows-", 4);
        String first = cache.topic(1000);
        assertThat(first).isEqualTo("flows-1000");
        assertThat(cache.topic(1000)).isSameAs(first);
        for (long cid = 1; cid <= 100; cid++) {
            assertThat(cache.topic(cid)).isEqualTo("flows-" + cid);
        }
        assertThat(cache.topic(4_294_967_295L)).isEqualTo("flows-4294967295");
        assertThat(cache.topic(1000)).isEqualTo("flows-1000");
    }
}
