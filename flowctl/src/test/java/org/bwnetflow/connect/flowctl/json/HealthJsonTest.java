package org.bwnetflow.connect.flowctl.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.IngestHealth;
import org.junit.jupiter.api.Test;

class HealthJsonTest {

    private final Struct health = IngestHealth.newRecord(1_700_000_010_000L, 10_000, "netflow-source", 1, "127.0.0.10")
            .put(IngestHealth.FLOWS, 2_880L).put(IngestHealth.DATAGRAMS, 120L).put(IngestHealth.SEQUENCE_MISSING, 3L);

    @Test
    void jsonHasEveryFieldWithItsValue() throws Exception {
        JsonNode json = new ObjectMapper().readTree(HealthJson.toJson(health));
        assertThat(json.get("Exporter").asText()).isEqualTo("127.0.0.10");
        assertThat(json.get("Task").asInt()).isEqualTo(1);
        assertThat(json.get("Flows").asLong()).isEqualTo(2_880);
        assertThat(json.get("SequenceMissing").asLong()).isEqualTo(3);
        assertThat(json.get("KernelDrops").asLong()).isZero();
        assertThat(json.size()).isEqualTo(IngestHealth.SCHEMA.fields().size());
    }

    @Test
    void aRouterWithAWrongClockShowsItsClockSkewedFlows() throws Exception {
        Struct skewed = IngestHealth.newRecord(1_700_000_010_000L, 10_000, "netflow-source", 1, "127.0.0.12")
                .put(IngestHealth.FLOWS, 240L).put(IngestHealth.CLOCK_SKEWED, 240L);
        assertThat(HealthJson.toLine(skewed)).endsWith("exporter 127.0.0.12 over 10.0 s: Flows=240 ClockSkewed=240");
        assertThat(new ObjectMapper().readTree(HealthJson.toJson(skewed)).get("ClockSkewed").asLong()).isEqualTo(240);
    }

    @Test
    void theLineNamesWhoAndTheCountsThatAreNotZero() {
        assertThat(HealthJson.toLine(health)).isEqualTo("2023-11-14T22:13:30Z health netflow-source/1 exporter "
                + "127.0.0.10 over 10.0 s: Datagrams=120 Flows=2880 SequenceMissing=3");
    }
}
