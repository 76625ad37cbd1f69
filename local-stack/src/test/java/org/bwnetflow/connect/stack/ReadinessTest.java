package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Startup failures must say why: exit code or last probe error, plus the server log. */
@Timeout(60)
class ReadinessTest {

    @TempDir
    Path dir;

    private StackProcess sleeper(String... args) {
        JvmSpec spec = new JvmSpec("sleeper", KafkaRuntime.currentJava(), System.getProperty("java.class.path"),
                Sleeper.class.getName(), List.of(args), "64m", List.of());
        return StackProcess.start(spec, dir.resolve("sleeper.log"), dir.resolve("sleeper.pid"));
    }

    @Test
    void aServerThatExitsFailsAtOnceWithItsLog() {
        StackProcess process = sleeper("exit", "7");

        assertThatThrownBy(() -> Readiness.await("test server", process, Duration.ofSeconds(30), () -> false))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("test server exited during startup with code 7")
                .hasMessageContaining("exiting with 7");
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithTheLastProbeError() {
        StackProcess process = sleeper();
        try {
            assertThatThrownBy(() -> Readiness.await("test server", process, Duration.ofMillis(800), () -> {
                throw new IllegalStateException("connection refused, say");
            }))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("not ready within")
                    .hasMessageContaining("connection refused, say")
                    .hasMessageContaining("sleeper.log");
        } finally {
            process.kill();
        }
    }

    @Test
    void readyOnceTheProbeSucceeds() {
        StackProcess process = sleeper();
        AtomicInteger calls = new AtomicInteger();
        try {
            Readiness.await("test server", process, Duration.ofSeconds(30), () -> calls.incrementAndGet() >= 3);
            assertThat(calls).hasValue(3);
        } finally {
            process.kill();
        }
    }

    @Test
    void serversRefuseToStartOnAPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> KafkaBroker.start(dir.resolve("kafka"), port, FreePorts.tcp()))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Kafka broker port " + port)
                    .hasMessageContaining("in use");
            assertThatThrownBy(() -> ConnectWorker.start(dir.resolve("connect"), "127.0.0.1:1", port, List.of(), Map.of()))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Connect REST port " + port);
        }
        assertThat(dir.resolve("kafka/broker.pid")).doesNotExist();
    }

    @Test
    void requireFreeAcceptsAFreePort() {
        int port = FreePorts.tcp();
        FreePorts.requireFree(port, "test");
        assertThat(new InetSocketAddress(InetAddress.getLoopbackAddress(), port).getPort()).isEqualTo(port);
    }
}
