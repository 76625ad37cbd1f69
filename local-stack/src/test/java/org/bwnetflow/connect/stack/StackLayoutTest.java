package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLayoutTest {

    @TempDir
    Path dir;

    @Test
    void homeOptionWinsOverEnvironmentWhichWinsOverDefault() {
        Map<String, String> env = Map.of(StackLayout.HOME_ENV, dir.resolve("env").toString());

        assertThat(StackLayout.resolve(dir.resolve("opt"), env).home()).isEqualTo(dir.resolve("opt"));
        assertThat(StackLayout.resolve(null, env).home()).isEqualTo(dir.resolve("env"));
        assertThat(StackLayout.resolve(null, Map.of()).home())
                .isEqualTo(Path.of(".flowstack").toAbsolutePath().normalize());
    }

    @Test
    void everythingLivesUnderHome() {
        StackLayout layout = new StackLayout(dir);

        assertThat(layout.kafkaDir()).isEqualTo(dir.resolve("kafka"));
        assertThat(layout.connectDir()).isEqualTo(dir.resolve("connect"));
        assertThat(layout.brokerLog()).isEqualTo(dir.resolve("logs/broker.log"));
        assertThat(layout.workerLog()).isEqualTo(dir.resolve("logs/connect.log"));
        assertThat(layout.brokerPidFile()).isEqualTo(dir.resolve("pids/broker.pid"));
        assertThat(layout.workerPidFile()).isEqualTo(dir.resolve("pids/connect.pid"));
        assertThat(layout.workerPidFile(2)).isEqualTo(dir.resolve("pids/connect-2.pid"));
        assertThat(layout.workerLog(2)).isEqualTo(dir.resolve("logs/connect-2.log"));
        assertThat(layout.connectDir(2)).isEqualTo(dir.resolve("connect-2"));
        assertThatThrownBy(() -> layout.workerPidFile(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stateRoundTrips() {
        StackState state = new StackState(19092, 19093, 18083, true, 19000, 18812, 2);
        state.write(dir.resolve("flowstack.properties"));

        assertThat(StackState.read(dir.resolve("flowstack.properties"))).contains(state);
        assertThat(StackState.read(dir.resolve("missing.properties"))).isEmpty();
        assertThat(state.bootstrapServers()).isEqualTo("127.0.0.1:19092");
        assertThat(state.restUrl()).hasToString("http://127.0.0.1:18083");
        assertThat(state.restUrl(2)).hasToString("http://127.0.0.1:18084");
    }
}
