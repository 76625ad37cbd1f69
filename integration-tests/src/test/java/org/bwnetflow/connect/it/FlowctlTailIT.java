package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code flowctl tail --pattern} against the real broker: topics that appear after it started
 * are picked up, and every record is printed exactly once, also with the tiny fetches the
 * demo uses to interleave the tenant topics.
 */
@ExtendWith(LocalStack.class)
class FlowctlTailIT {

    @Test
    void aPatternTailPrintsEveryRecordOfEveryMatchingTopicOnce() throws Exception {
        String prefix = "tail-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int count = 600;
        ExecutorService executor = Executors.newSingleThreadExecutor();
        Future<FlowCtlRun> tail = executor.submit(() -> FlowCtlRun.run("tail", Pattern.quote(prefix) + ".*", "--pattern",
                "--from-beginning", "-b", LocalStack.broker().bootstrapServers(), "--format", "json", "--max",
                Integer.toString(count + 1), "--timeout", "20", "--consumer-property", "max.partition.fetch.bytes=512"));
        executor.shutdown();
        TimeUnit.SECONDS.sleep(3); // the tail runs before any of its topics exists

        try (Admin admin = Admin.create(LocalStack.broker().clientConfig())) {
            List<NewTopic> topics = new ArrayList<>();
            for (int cid : KnownFlows.CIDS) {
                topics.add(new NewTopic(prefix + cid, 2, (short) 1));
            }
            admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
        }
        KnownFlows flows = new KnownFlows(prefix, count, 300, 11);
        flows.produce(LocalStack.broker().clientConfig());

        FlowCtlRun run = tail.get(90, TimeUnit.SECONDS);
        assertThat(run.exitCode).as(run.err).isZero();
        List<JsonNode> printed = run.jsonLines();
        Map<Long, long[]> seen = new TreeMap<>();
        Set<String> distinct = new HashSet<>();
        for (JsonNode flow : printed) {
            long[] t = seen.computeIfAbsent(flow.get("Cid").asLong(), c -> new long[3]);
            t[0] += flow.get("Bytes").asLong();
            t[1] += flow.get("Packets").asLong();
            t[2]++;
            distinct.add(flow.toString());
        }
        assertThat(printed).as("flows printed (it waits for one more than were sent)").hasSize(count);
        assertThat(distinct).as("no flow printed twice").hasSize(count);
        assertThat(describe(seen)).isEqualTo(describe(flows.truth()));
    }

    private static String describe(Map<Long, long[]> totals) {
        StringBuilder text = new StringBuilder();
        totals.forEach((cid, t) -> text.append(cid).append(": ").append(t[0]).append(" B ").append(t[1]).append(" pkts ")
                .append(t[2]).append(" flows\n"));
        return text.toString();
    }
}
