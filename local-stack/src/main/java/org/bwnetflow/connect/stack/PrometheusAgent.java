package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * The Prometheus JMX exporter (Maven: io.prometheus.jmx:jmx_prometheus_javaagent) as a Java agent
 * of the stack's workers: worker n serves its metrics on 127.0.0.1, port {@code firstPort + n - 1},
 * mapped by the exporter configuration {@code config} (the shipped
 * {@code connect-configs/prometheus/jmx-exporter.yml} unless the operator names another). The build
 * puts the agent jar where the resource {@value #RESOURCE} says.
 *
 * @param jar       the agent jar
 * @param config    the exporter's YAML configuration
 * @param firstPort worker 1's metrics port
 */
public record PrometheusAgent(Path jar, Path config, int firstPort) {

    static final String RESOURCE = "prometheus-agent.properties";

    public PrometheusAgent {
        jar = Objects.requireNonNull(jar, "jar").toAbsolutePath().normalize();
        config = Objects.requireNonNull(config, "config").toAbsolutePath().normalize();
        if (firstPort < 1 || firstPort > 65535) {
            throw new IllegalArgumentException("the metrics port must be 1..65535: " + firstPort);
        }
        // The JVM splits -javaagent:JAR=ARGS at the first '='.
        if (jar.toString().contains("=")) {
            throw new IllegalArgumentException("the agent jar's path must not contain '=': " + jar);
        }
    }

    /** The agent jar the build copied from Maven Central, with {@code config} (null: the shipped one). */
    public static PrometheusAgent built(int firstPort, Path config) {
        Properties props = new Properties();
        try (InputStream in = PrometheusAgent.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new StackException("resource " + RESOURCE + " is missing: build local-stack with Maven");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + RESOURCE, e);
        }
        Path jar = Path.of(props.getProperty("agent.jar", ""));
        if (!Files.isRegularFile(jar)) {
            throw new StackException("the Prometheus JMX exporter agent is missing at " + jar.toAbsolutePath()
                    + ": build local-stack with Maven (mvn package -pl local-stack -am)");
        }
        Path file = config != null ? config : Path.of(props.getProperty("config.file", ""));
        if (!Files.isRegularFile(file)) {
            throw new StackException("the Prometheus JMX exporter configuration " + file.toAbsolutePath()
                    + " does not exist");
        }
        return new PrometheusAgent(jar, file, firstPort);
    }

    /** Worker n's metrics port: one port per worker, counting up from {@link #firstPort()}. */
    public int port(int worker) {
        if (worker < 1) {
            throw new IllegalArgumentException("workers count from 1: " + worker);
        }
        return firstPort + worker - 1;
    }

    /** The JVM option that attaches the agent to worker n, serving on 127.0.0.1 only. */
    public String jvmOption(int worker) {
        return "-javaagent:" + jar + "=" + WorkerSettings.HOST + ":" + port(worker) + ":" + config;
    }

    /** Where Prometheus scrapes worker n. */
    public URI metricsUrl(int worker) {
        return URI.create("http://" + WorkerSettings.HOST + ":" + port(worker) + "/metrics");
    }
}
