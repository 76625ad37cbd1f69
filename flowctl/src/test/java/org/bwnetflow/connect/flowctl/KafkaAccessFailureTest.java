package org.bwnetflow.connect.flowctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class KafkaAccessFailureTest {

    @Command(name = "probe")
    static final class Failing implements Callable<Integer> {
        private final Exception failure;

        Failing(Exception failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private static String[] run(Exception failure) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Failing(failure)).setExecutionExceptionHandler(new KafkaAccessFailure());
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute();
        return new String[] {Integer.toString(exit), err.toString()};
    }

    @Test
    void aFailedTlsHandshakeIsOneLineWithItsReason() {
        SSLHandshakeException why = new SSLHandshakeException("No subject alternative names matching IP address "
                + "127.0.0.2 found");
        String[] result = run(new KafkaException("wrapped", new SslAuthenticationException("SSL handshake failed", why)));

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).startsWith("flowctl probe: TLS handshake with the broker failed: No subject alternative "
                + "names matching IP address 127.0.0.2 found").contains("--truststore").doesNotContain("\tat ");
    }

    @Test
    void aFailedSaslLoginSaysSo() {
        String[] result = run(new SaslAuthenticationException("Authentication failed during authentication due to "
                + "invalid credentials with SASL mechanism SCRAM-SHA-512"));

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).startsWith("flowctl probe: login to the broker failed: Authentication failed")
                .doesNotContain("\tat ");
    }

    @Test
    void otherFailuresKeepTheirStackTrace() {
        String[] result = run(new IllegalStateException("something else"));

        assertThat(result[0]).isEqualTo("1");
        assertThat(result[1]).contains("IllegalStateException: something else").contains("\tat ");
    }
}
