package org.bwnetflow.connect.flowctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class CustomerLoginTest {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIEXyZ\n-----END CERTIFICATE-----\n";

    @TempDir
    Path tmp;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        CustomerLogin login;
    }

    /** The login as picocli fills it from a command line. */
    private static CustomerLogin parse(String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.login;
    }

    @Test
    void producerPropertiesShareServersAndSecurityButNoConsumerSettings() throws Exception {
        Path config = tmp.resolve("client.properties");
        Files.writeString(config, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "group.id=1000-mine\nauto.offset.reset=earliest\nclient.id=me\n");
        CustomerLogin login = parse("-b", "kafka.example.org:9093", "--command-config", config.toString());

        Properties producer = login.producerProperties();
        assertThat(producer).containsEntry("bootstrap.servers", "kafka.example.org:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("client.id", "me")
                .doesNotContainKeys("group.id", "auto.offset.reset", "key.deserializer", "value.deserializer");
        Properties consumer = login.consumerProperties("x-");
        assertThat(consumer).containsEntry("security.protocol", "SASL_SSL").containsKey("value.deserializer");
    }

    @Test
    void aSaslUserWithAPemTruststoreLogsInOverTlsAndChecksTheBrokersName() throws Exception {
        Path ca = Files.writeString(tmp.resolve("ca.crt"), PEM);
        Path password = Files.writeString(tmp.resolve("pw"), "s3cret-tenant-password\n");
        Properties props = parse("--sasl-user", "tenant-1000", "--password-file", password.toString(),
                "--truststore", ca.toString()).consumerProperties("x-");

        assertThat(props).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", ca.toAbsolutePath().toString())
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .doesNotContainKey("ssl.truststore.password");
        assertThat(props.getProperty("sasl.jaas.config")).contains("username=\"tenant-1000\"")
                .contains("password=\"s3cret-tenant-password\"");
        assertThat(props.getProperty("group.id")).startsWith("1000-x-");
    }

    @Test
    void aRelativeTruststoreBecomesAbsoluteForTheClient() throws Exception {
        Path ca = Files.writeString(tmp.resolve("ca.crt"), PEM);
        Path relative = Path.of("").toAbsolutePath().relativize(ca);
        Properties props = parse("--truststore", relative.toString()).consumerProperties("x-");

        assertThat(props.getProperty("ssl.truststore.location")).isEqualTo(ca.toAbsolutePath().normalize().toString());
        assertThat(props).as("TLS without SASL").containsEntry("security.protocol", "SSL");
    }

    @Test
    void keyStoreTruststoresAreRecognisedAndTakeTheirPasswordFromAFile() throws Exception {
        Path p12 = Files.write(tmp.resolve("truststore.p12"), new byte[] {0x30, (byte) 0x82, 0x04, 0x10, 0x02, 0x01, 0x03});
        Path jks = Files.write(tmp.resolve("truststore.jks"), new byte[] {(byte) 0xFE, (byte) 0xED, (byte) 0xFE, (byte) 0xED,
            0, 0, 0, 2});
        Path password = Files.writeString(tmp.resolve("truststore.password"), "store-pw-42\n");

        Properties fromP12 = parse("--truststore", p12.toString(), "--truststore-password-file", password.toString())
                .consumerProperties("x-");
        assertThat(fromP12).containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "store-pw-42");
        Properties fromJks = parse("--truststore", jks.toString()).consumerProperties("x-");
        assertThat(fromJks).containsEntry("ssl.truststore.type", "JKS").doesNotContainKey("ssl.truststore.password");
    }

    @Test
    void aSaslUserKeepsTheTlsOfTheCommandConfig() throws Exception {
        Path config = Files.writeString(tmp.resolve("tls.properties"),
                "security.protocol=SASL_SSL\nssl.truststore.type=PEM\nssl.truststore.location=/etc/bwnetflow/ca.crt\n");
        Path password = Files.writeString(tmp.resolve("pw"), "pw-1000-abcdefgh");
        Properties props = parse("--sasl-user", "tenant-1000", "--password-file", password.toString(),
                "--command-config", config.toString()).consumerProperties("x-");

        assertThat(props).as("--sasl-user must not downgrade a TLS config to SASL_PLAINTEXT")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("ssl.truststore.location", "/etc/bwnetflow/ca.crt");
    }

    @Test
    void aSaslUserAloneUsesTlsWithTheJvmsTrustedAuthorities() throws Exception {
        Path password = Files.writeString(tmp.resolve("pw"), "pw-1000-abcdefgh");
        Properties props = parse("--sasl-user", "tenant-1000", "--password-file", password.toString())
                .consumerProperties("x-");

        assertThat(props).containsEntry("security.protocol", "SASL_SSL").doesNotContainKey("ssl.truststore.location");
    }

    @Test
    void plaintextOnlyWhenTheCommandConfigSaysSoAndNeverWithATruststore() throws Exception {
        Path config = Files.writeString(tmp.resolve("plain.properties"), "security.protocol=SASL_PLAINTEXT\n");
        Path password = Files.writeString(tmp.resolve("pw"), "pw-1000-abcdefgh");
        Path ca = Files.writeString(tmp.resolve("ca.crt"), PEM);

        Properties props = parse("--sasl-user", "tenant-1000", "--password-file", password.toString(),
                "--command-config", config.toString()).consumerProperties("x-");
        assertThat(props).containsEntry("security.protocol", "SASL_PLAINTEXT");

        CustomerLogin contradiction = parse("--sasl-user", "tenant-1000", "--password-file", password.toString(),
                "--command-config", config.toString(), "--truststore", ca.toString());
        assertThatThrownBy(() -> contradiction.consumerProperties("x-")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--truststore").hasMessageContaining("SASL_PLAINTEXT");
    }

    @Test
    void truststoreMistakesAreNamed() throws Exception {
        Path ca = Files.writeString(tmp.resolve("ca.crt"), PEM);
        Path password = Files.writeString(tmp.resolve("truststore.password"), "store-pw-42\n");

        assertThatThrownBy(() -> parse("--truststore", ca.toString(), "--truststore-password-file", password.toString())
                .consumerProperties("x-")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PEM").hasMessageContaining("--truststore-password-file");
        Path missing = tmp.resolve("nothing.crt");
        assertThatThrownBy(() -> parse("--truststore", missing.toString()).consumerProperties("x-"))
                .hasMessageContaining("--truststore " + missing);
        assertThatThrownBy(() -> parse("--truststore-password-file", password.toString()).consumerProperties("x-"))
                .hasMessageContaining("--truststore-password-file needs --truststore");
    }

    @Test
    void theBootstrapServersComeFromTheCommandConfigUnlessGiven() throws Exception {
        Path config = Files.writeString(tmp.resolve("client.properties"), "bootstrap.servers=kafka.example.org:9093\n");

        assertThat(parse("--command-config", config.toString()).consumerProperties("x-"))
                .containsEntry("bootstrap.servers", "kafka.example.org:9093");
        assertThat(parse("--command-config", config.toString(), "-b", "other:9092").consumerProperties("x-"))
                .containsEntry("bootstrap.servers", "other:9092");
        assertThat(parse().consumerProperties("x-")).containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }

    @Test
    void consumerPropertiesComeLastAndAMalformedOneIsNamed() {
        Properties props = parse("--consumer-property", "max.partition.fetch.bytes=512", "--consumer-property",
                "allow.auto.create.topics=true").consumerProperties("x-");
        assertThat(props).containsEntry("max.partition.fetch.bytes", "512")
                .as("what the user asks for explicitly wins").containsEntry("allow.auto.create.topics", "true");
        assertThat(parse().consumerProperties("x-")).as("a reader never creates its topic")
                .containsEntry("allow.auto.create.topics", "false");

        assertThatThrownBy(() -> parse("--consumer-property", "novalue").consumerProperties("x-"))
                .isInstanceOf(LoginSettingsException.class).hasMessage("--consumer-property must be KEY=VALUE, got "
                        + "'novalue'");
    }
}
