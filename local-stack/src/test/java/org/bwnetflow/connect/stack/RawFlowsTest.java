package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

import org.junit.jupiter.api.Test;

class RawFlowsTest {

    private static final ConnectorDefinition SOURCE = new ConnectorDefinition("netflow-source",
            Map.of("connector.class", "org.bwnetflow.connect.netflow.source.NetFlowSourceConnector"));
    private static final ConnectorDefinition RAW = new ConnectorDefinition("raw-flows-sink",
            Map.of("connector.class", RawFlows.CONNECTOR_CLASS, "retention.hours", "48"));

    @Test
    void theRetentionAskedForReplacesTheShippedOne() {
        List<ConnectorDefinition> adjusted = RawFlows.adjust(List.of(SOURCE, RAW), true, 72, new PrintWriter(new StringWriter()));
        assertThat(adjusted).hasSize(2);
        assertThat(adjusted.get(0)).isSameAs(SOURCE);
        assertThat(adjusted.get(1).config()).containsEntry("retention.hours", "72");
        assertThat(RawFlows.adjust(List.of(RAW), true, null, new PrintWriter(new StringWriter())).get(0).config())
                .containsEntry("retention.hours", "48");
    }

    @Test
    void withoutTheStacksQuestDbTheRawSinkIsNotSubmitted() {
        StringWriter said = new StringWriter();
        assertThat(RawFlows.adjust(List.of(SOURCE, RAW), false, 72, new PrintWriter(said, true))).containsExactly(SOURCE);
        assertThat(said.toString()).contains("raw-flows-sink: not submitted");
    }

    @Test
    void aRetentionOutsideItsRangeIsRefusedBeforeAnythingStarts() {
        CommandLine commandLine = new CommandLine(new FlowStack());
        assertThatThrownBy(() -> RawFlows.checkRetention(0, commandLine))
                .hasMessageContaining("--raw-retention-hours must be between 1 and");
        RawFlows.checkRetention(null, commandLine);
        RawFlows.checkRetention(48, commandLine);
    }
}
