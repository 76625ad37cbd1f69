package org.bwnetflow.connect.flowctl.top;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;
import org.junit.jupiter.api.Test;

class TopFrameTest {

    /** Ten seconds: each second one TCP flow of 1,250 bytes in 10 packets and one IPv6 UDP flow of 125 bytes. */
    private static WindowTotals tenSeconds() {
        TrafficWindow window = new TrafficWindow(300);
        for (int s = 0; s < 10; s++) {
            Struct tcp = TopFlows.flow("203.0.113.5", "192.0.2.10", 1000 + s, 1250, 10, 6);
            Flows.setText(tcp, FlowField.REMOTE_COUNTRY, "DE");
            window.add(tcp);
            window.add(TopFlows.flow("2001:db8::5", "2001:db8:1::10", 1000 + s, 125, 1, 17));
        }
        return window.totals(1009, 10);
    }

    @Test
    void aFrameShowsTheRatesOfTheWindowPerSection() {
        List<String> frame = TopFrame.render(tenSeconds(), new TopSettings(SortKey.BYTES, 10, 5),
                new TopFrame.Heading("flows-1000", "proto tcp", 1009));
        assertThat(frame.get(0)).contains("flows-1000", "window 10 s", "sort bytes", "filter proto tcp",
                "1970-01-01T00:16:49Z");
        // (1,250 + 125) bytes × 8 / s = 11,000 bit/s; 11 packets/s; 2 flows/s
        assertThat(line(frame, "Total")).matches("\\s+Total\\s+11\\.0 k\\s+11\\s+2\\s+100\\.0%");
        assertThat(line(frame, "IPv4")).matches("\\s+IPv4\\s+10\\.0 k\\s+10\\s+1\\s+90\\.9%");
        assertThat(line(frame, "IPv6")).matches("\\s+IPv6\\s+1\\.00 k\\s+1\\s+1\\s+9\\.1%");
        assertThat(line(frame, "TCP")).contains("10.0 k");
        assertThat(line(frame, "DE")).contains("10.0 k");
        assertThat(frame).contains("Protocols", "Remote countries", "Remote ASes", "Peers (interface)",
                "Top talkers (local address)");
    }

    @Test
    void theShareFollowsTheSortKey() {
        List<String> frame = TopFrame.render(tenSeconds(), new TopSettings(SortKey.FLOWS, 10, 5),
                new TopFrame.Heading("t", "", 1009));
        assertThat(frame.get(0)).contains("sort flows", "all flows");
        assertThat(line(frame, "IPv4")).endsWith("50.0%");
    }

    @Test
    void longListsSayHowManyTheyCut() {
        TrafficWindow window = new TrafficWindow(300);
        for (int host = 1; host <= 8; host++) {
            window.add(TopFlows.flow("203.0.113.5", "192.0.2." + host, 1, 100L * host, 1, 6));
        }
        List<String> frame = TopFrame.render(window.totals(1, 10), new TopSettings(SortKey.BYTES, 10, 3),
                new TopFrame.Heading("t", "", 1));
        int at = frame.indexOf("Top talkers (local address) (top 3 of 8)");
        assertThat(at).isPositive();
        assertThat(frame.subList(at + 1, frame.size())).hasSize(3);
        assertThat(frame.get(at + 1)).contains("192.0.2.8");
    }

    @Test
    void countersAtLongMaxOrUint64MaxNeverShowAsNegativeRates() {
        TrafficWindow window = new TrafficWindow(300);
        window.add(TopFlows.flow("203.0.113.5", "192.0.2.10", 1000, Long.MAX_VALUE, Long.MAX_VALUE, 6));
        window.add(TopFlows.flow("203.0.113.5", "192.0.2.10", 1001, Long.MAX_VALUE, Long.MAX_VALUE, 6));
        window.add(TopFlows.flow("203.0.113.6", "192.0.2.11", 1002, -1L, -1L, 17)); // uint64 max
        Struct sampled = TopFlows.flow("203.0.113.7", "192.0.2.12", 1003, Long.MAX_VALUE / 2, 3, 17);
        Flows.setNumber(sampled, FlowField.SAMPLING_RATE, 1_000);
        window.add(sampled);
        window.add(TopFlows.flow("203.0.113.8", "192.0.2.13", 1004, 1_000, 1, 1));

        WindowTotals totals = window.totals(1009, 10);
        assertThat(totals.total().bytes()).as("saturated, not wrapped").isEqualTo(Long.MAX_VALUE);
        assertThat(totals.total().packets()).isEqualTo(Long.MAX_VALUE);
        assertThat(totals.top(Dimension.TALKER, SortKey.BYTES, 5)).allSatisfy(row ->
                assertThat(row.volume().bytes()).as(row.label()).isNotNegative());
        List<String> frame = TopFrame.render(totals, new TopSettings(SortKey.BYTES, 10, 5),
                new TopFrame.Heading("t", "", 1009));
        for (String label : List.of("Total", "TCP", "UDP", "192.0.2.10", "192.0.2.11", "192.0.2.12")) {
            assertThat(line(frame, label)).as(label).doesNotContain("-").contains(" E ");
        }
    }

    private static String line(List<String> frame, String label) {
        return frame.stream().filter(l -> l.strip().startsWith(label + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + label + " in\n" + String.join("\n", frame)));
    }
}
