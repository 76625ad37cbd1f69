package org.bwnetflow.connect.flowctl.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import org.bwnetflow.connect.flowctl.testing.FlowCtlRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnonymizeCommandTest {

    /** The key of the Crypto-PAn reference vectors. */
    static final String KEY_HEX = "1522178d33a4cf80130a5b1649907d10d8988f837979652762574c2d2a842202";

    private static final String[] VECTORS = {
        "128.11.68.132 135.242.180.132",
        "129.118.74.4 134.136.186.123",
        "130.132.252.244 133.68.164.234",
        "141.223.7.43 141.167.8.160",
        "141.233.145.108 141.129.237.235",
        "2001:db8::1 4401:2bc:603f:d91d:27f:ff8e:e6f1:dc1e",
    };

    @TempDir
    Path tmp;

    private static String[] addresses() {
        String[] addresses = new String[VECTORS.length];
        for (int i = 0; i < VECTORS.length; i++) {
            addresses[i] = VECTORS[i].split(" ")[0];
        }
        return addresses;
    }

    private static String[] args(String... head) {
        String[] addresses = addresses();
        String[] all = new String[head.length + addresses.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(addresses, 0, all, head.length, addresses.length);
        return all;
    }

    @Test
    void printsTheReferencePseudonymsWithAKeyFile() throws Exception {
        Path key = tmp.resolve("cryptopan.key");
        Files.writeString(key, "  " + KEY_HEX + "\n");
        FlowCtlRun run = FlowCtlRun.run(args("anonymize", "--key-file", key.toString()));
        assertThat(run.err).isEmpty();
        assertThat(run.exitCode).isZero();
        assertThat(run.out.lines()).containsExactly(VECTORS);
    }

    @Test
    void acceptsABase64KeyFileAndAHexKeyOnTheCommandLine() throws Exception {
        Path key = tmp.resolve("cryptopan.b64");
        Files.writeString(key, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(KEY_HEX)) + "\n");
        assertThat(FlowCtlRun.run(args("anonymize", "--key-file", key.toString())).out.lines()).containsExactly(VECTORS);
        assertThat(FlowCtlRun.run(args("anonymize", "--key-hex", KEY_HEX)).out.lines()).containsExactly(VECTORS);
    }

    @Test
    void truncatesOnRequest() {
        FlowCtlRun run = FlowCtlRun.run("anonymize", "--truncate", "192.0.2.77", "2001:db8:1:2:3:4:5:6");
        assertThat(run.exitCode).isZero();
        assertThat(run.out.lines()).containsExactly("192.0.2.77 192.0.2.0", "2001:db8:1:2:3:4:5:6 2001:db8:1:2::");
        run = FlowCtlRun.run("anonymize", "--truncate", "--ipv4-prefix", "16", "192.0.2.77");
        assertThat(run.out.lines()).containsExactly("192.0.2.77 192.0.0.0");
        run = FlowCtlRun.run("anonymize", "--truncate", "--ipv4-prefix", "40", "192.0.2.77");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("--ipv4-prefix");
    }

    @Test
    void aBadAddressIsNamedAndNothingIsPrinted() {
        for (String bad : new String[] {"example.org", "10.0.0.0/8", "1.2.3", "300.1.1.1", "1.2.*.4", ""}) {
            FlowCtlRun run = FlowCtlRun.run("anonymize", "--key-hex", KEY_HEX, "192.0.2.1", bad);
            assertThat(run.exitCode).as(bad).isEqualTo(2);
            assertThat(run.err).contains("'" + bad + "' is not an IPv4 or IPv6 address");
            assertThat(run.out).isEmpty();
        }
    }

    @Test
    void aBadKeyIsReportedWithoutEchoingIt() throws Exception {
        String bad = KEY_HEX.substring(0, 60) + "zzzz";
        FlowCtlRun run = FlowCtlRun.run("anonymize", "--key-hex", bad, "192.0.2.1");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("64 hex digits").doesNotContain(bad).doesNotContain(KEY_HEX.substring(0, 16));
        assertThat(run.out).isEmpty();

        Path key = tmp.resolve("short.key");
        Files.writeString(key, KEY_HEX.substring(0, 32));
        run = FlowCtlRun.run("anonymize", "--key-file", key.toString(), "192.0.2.1");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("64 hex digits").doesNotContain(KEY_HEX.substring(0, 16));

        run = FlowCtlRun.run("anonymize", "--key-file", tmp.resolve("missing.key").toString(), "192.0.2.1");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("cannot read the key file").contains("missing.key");
    }

    @Test
    void exactlyOneMethodIsRequiredAndTheHelpWarnsAboutKeyHex() {
        assertThat(FlowCtlRun.run("anonymize", "192.0.2.1").exitCode).isEqualTo(2);
        assertThat(FlowCtlRun.run("anonymize", "--truncate", "--key-hex", KEY_HEX, "192.0.2.1").exitCode).isEqualTo(2);
        FlowCtlRun help = FlowCtlRun.run("anonymize", "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("--key-file").contains("'ps'");
    }
}
