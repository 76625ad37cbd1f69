package org.bwnetflow.connect.flowctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerLoginTest {

    @TempDir
    Path tmp;

    @Test
    void producerPropertiesShareServersAndSecurityButNoConsumerSettings() throws Exception {
        Path config = tmp.resolve("client.properties");
        Files.writeString(config, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "group.id=1000-mine\nauto.offset.reset=earliest\nclient.id=me\n");
        CustomerLogin login = new CustomerLogin();
        login.bootstrap = "kafka.example.org:9093";
        login.commandConfig = config;

        Properties producer = login.producerProperties();
        assertThat(producer).containsEntry("bootstrap.servers", "kafka.example.org:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("client.id", "me")
                .doesNotContainKeys("group.id", "auto.offset.reset", "key.deserializer", "value.deserializer");
        Properties consumer = login.consumerProperties("x-");
        assertThat(consumer).containsEntry("security.protocol", "SASL_SSL").containsKey("value.deserializer");
    }
}
