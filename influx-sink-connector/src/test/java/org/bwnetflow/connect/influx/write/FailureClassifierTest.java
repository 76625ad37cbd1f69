package org.bwnetflow.connect.influx.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.exceptions.InfluxException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.bwnetflow.connect.influx.write.WriteFailure.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureClassifierTest {

    private static final String TOKEN = "s3cr3t-t0ken";
    private static final List<String> BATCH = List.of("flows,cid=1 bytes=1i 1700000000", "flows,cid=2 bytes=x 1700000000");

    private final FailureClassifier classifier = new FailureClassifier("http://user:pw@db.example:8086/", "acme",
            Credentials.token(new Password(TOKEN)));

    private WriteFailure status(int status, String serverMessage) {
        return classifier.classify(status, serverMessage, 0, "flows", BATCH, null);
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 429, 408})
    void serverTroubleIsRetriable(int code) {
        WriteFailure failure = status(code, "try later");

        assertThat(failure.kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(failure.status()).isEqualTo(code);
        assertThat(failure.getMessage()).contains("HTTP " + code, "try later", "influx.url=http://db.example:8086/",
                "influx.bucket=flows", "2 lines");
    }

    @Test
    void unauthorizedNamesTheToken() {
        WriteFailure failure = status(401, "unauthorized access");

        assertThat(failure.kind()).isEqualTo(Kind.FATAL);
        assertThat(failure.getMessage()).contains("HTTP 401", "unauthorized access", "influx.token");
    }

    @Test
    void withAUserAndPasswordTheAdviceNamesThemAndTheSecretIsRedacted() {
        String password = "pa55-w0rd-xyz";
        String encoded = java.util.Base64.getEncoder().encodeToString(("flowstack:" + password).getBytes());
        FailureClassifier basic = new FailureClassifier("http://db.example:9000", "acme",
                Credentials.basic("flowstack", new Password(password)));
        WriteFailure refused = basic.classify(401, "no such login " + password + " / Basic " + encoded, 0, "flows", BATCH,
                null);

        assertThat(refused.kind()).isEqualTo(Kind.FATAL);
        assertThat(refused.getMessage()).contains("HTTP 401", "influx.username", "influx.password", "[redacted]")
                .doesNotContain(password, encoded);
        assertThat(basic.classify(403, "denied", 0, "flows", BATCH, null).getMessage())
                .contains("user 'flowstack'", "influx.username").doesNotContain("influx.token");
        assertThat(new FailureClassifier("http://db.example:9000", "acme", Credentials.none())
                .classify(401, "Unauthorized", 0, "flows", BATCH, null).getMessage())
                .contains("requires a login", "influx.token", "influx.username", "influx.password");
    }

    @Test
    void forbiddenNamesTokenPermissionsOrgAndBucket() {
        assertThat(status(403, "insufficient permissions").getMessage())
                .contains("HTTP 403", "insufficient permissions", "influx.token", "permissions", "influx.org", "influx.bucket",
                        "bucket 'flows' in org 'acme'");
        assertThat(status(403, null).kind()).isEqualTo(Kind.FATAL);
    }

    @Test
    void notFoundNamesBucketAndOrg() {
        WriteFailure failure = status(404, "bucket \"flows\" not found");

        assertThat(failure.kind()).isEqualTo(Kind.FATAL);
        assertThat(failure.getMessage()).contains("HTTP 404", "bucket \"flows\" not found", "influx.bucket", "influx.org");
    }

    @Test
    void badLineProtocolQuotesTheServerAndTheOffendingLine() {
        WriteFailure named = classifier.classify(400, "error in line 2: field value is invalid", 2, "flows", BATCH, null);
        WriteFailure unnamed = status(400, "unable to parse");

        assertThat(named.kind()).isEqualTo(Kind.FATAL);
        assertThat(named.getMessage()).contains("HTTP 400", "error in line 2", "offending line 2", BATCH.get(1));
        assertThat(unnamed.getMessage()).contains("unable to parse", "first line of the batch", BATCH.get(0));
    }

    @Test
    void otherClientErrorsAreFatal() {
        assertThat(status(413, "too large").kind()).isEqualTo(Kind.FATAL);
        assertThat(status(413, "too large").getMessage()).contains("batch size");
        assertThat(status(405, null).kind()).isEqualTo(Kind.FATAL);
    }

    @Test
    void ioErrorsAreRetriable() {
        WriteFailure refused = classifier.classify(new InfluxException(new ConnectException("Connection refused")), "flows",
                BATCH);
        WriteFailure timeout = classifier.classify(new UncheckedIOException(new SocketTimeoutException("timeout")), "flows",
                BATCH);

        assertThat(refused.kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(refused.status()).isEqualTo(WriteFailure.NO_STATUS);
        assertThat(refused.getMessage()).contains("Connection refused", "influx.url=http://db.example:8086/");
        assertThat(timeout.kind()).isEqualTo(Kind.RETRIABLE);
        assertThat(timeout.getMessage()).contains("SocketTimeoutException");
    }

    @Test
    void unexpectedClientErrorsAreFatal() {
        assertThat(classifier.classify(new IllegalArgumentException("bucket is empty"), "flows", BATCH).kind())
                .isEqualTo(Kind.FATAL);
    }

    @Test
    void neverRepeatsTheTokenOrTheUrlsUserInfo() {
        WriteFailure echoed = status(401, "token " + TOKEN + " is not valid");
        WriteFailure io = classifier.classify(new InfluxException(new ConnectException("Token " + TOKEN)), "flows", BATCH);

        assertThat(echoed.getMessage()).doesNotContain(TOKEN, "user:pw").contains("[redacted]");
        assertThat(io.getMessage()).doesNotContain(TOKEN);
    }

    @Test
    void longServerMessagesAndLinesAreShortened() {
        String huge = "x".repeat(10_000);

        assertThat(classifier.classify(400, huge, 1, "flows", List.of(huge), null).getMessage().length()).isLessThan(1200);
    }

    @Test
    void readsTheLineNumberQuestDbReports() {
        assertThat(FailureClassifier.lineNumber(Map.of("line", 3.0))).isEqualTo(3);
        assertThat(FailureClassifier.lineNumber(Map.of("line", "4"))).isEqualTo(4);
        assertThat(FailureClassifier.lineNumber(Map.of("code", "invalid"))).isZero();
        assertThat(FailureClassifier.lineNumber(null)).isZero();
    }
}
