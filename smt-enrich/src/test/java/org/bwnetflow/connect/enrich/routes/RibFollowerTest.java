package org.bwnetflow.connect.enrich.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.junit.jupiter.api.Test;

class RibFollowerTest {

    /** A consumer that cannot be built (a JAAS config that does not parse): flows are not held back, the secret not quoted. */
    @Test
    void aConsumerThatCannotBeBuiltLetsFlowsPassAndNeverQuotesTheSecret() throws Exception {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", "127.0.0.1:1");
        settings.put("security.protocol", "SASL_PLAINTEXT");
        settings.put("sasl.mechanism", "SCRAM-SHA-512");
        settings.put("sasl.jaas.config", new Password("s3cret-module s3cret-flag-7f3a;"));
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        RibFollower follower = RibFollower.acquire("bgp-rib-test", List.of(RibTable.LOC_RIB), settings, 100);
        try {
            assertThat(follower.awaitLoaded(10_000)).as("flows pass at once").isTrue();
            assertThat(follower.consumerErrors()).isEqualTo(1);
            assertThat(follower.snapshot().routers()).isEmpty();
        } finally {
            follower.close();
            System.setErr(stderr);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("cannot be created").doesNotContain("s3cret");
        RibFollower again = RibFollower.acquire("bgp-rib-test", List.of(RibTable.LOC_RIB), settings, 100);
        try {
            assertThat(again.awaitLoaded(10_000)).as("a follower acquired again starts again").isTrue();
        } finally {
            again.close();
        }
    }
}
