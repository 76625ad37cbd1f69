package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class KafkaRuntimeTest {

    @Test
    void buildWroteTheServerClasspathWithExistingJars() {
        KafkaRuntime runtime = KafkaRuntime.load();

        assertThat(runtime.jars()).allSatisfy(jar -> assertThat(Files.isRegularFile(jar)).isTrue());
        assertThat(runtime.jars()).extracting(jar -> jar.getFileName().toString())
                .contains("kafka_2.13-4.4.0.jar", "connect-runtime-4.4.0.jar", "connect-json-4.4.0.jar",
                        "kafka-clients-4.4.0.jar")
                .anySatisfy(name -> assertThat(name).startsWith("log4j-core-"))
                .anySatisfy(name -> assertThat(name).startsWith("log4j-slf4j2-impl-"))
                .noneSatisfy(name -> assertThat(name).startsWith("picocli-"));
        assertThat(Files.isExecutable(Path.of(runtime.javaExecutable()))).isTrue();
    }

    @Test
    void jvmSpecKeepsTheClasspathOutOfTheCommandLine() {
        KafkaRuntime runtime = new KafkaRuntime("/usr/bin/java", List.of(Path.of("/a.jar"), Path.of("/b.jar")));

        JvmSpec spec = runtime.jvm("broker", "kafka.Kafka", List.of("server.properties")).withMaxHeap("1g");

        assertThat(spec.command()).startsWith("/usr/bin/java", "-Xmx1g").endsWith("kafka.Kafka", "server.properties")
                .doesNotContain("-cp");
        assertThat(spec.processBuilder().environment())
                .containsEntry("CLASSPATH", "/a.jar" + File.pathSeparator + "/b.jar");
    }

    @Test
    void parsesClasspathText() {
        assertThat(KafkaRuntime.parseClasspath(" /a.jar" + File.pathSeparator + File.pathSeparator + "/b.jar\n"))
                .containsExactly(Path.of("/a.jar"), Path.of("/b.jar"));
    }
}
