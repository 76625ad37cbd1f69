package org.bwnetflow.connect.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.testing.DashboardProcess;
import org.bwnetflow.connect.dashboard.testing.SelfSignedKeystore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dashboard user add} and {@code dashboard serve} as an operator runs them. */
class DashboardCommandTest {

    @TempDir
    Path dir;

    /** The users file holds password hashes: readable by its owner only (0600), from the first line on. */
    @Test
    void userAddWritesTheUsersFileReadableByItsOwnerOnly() throws Exception {
        Path password = dir.resolve("pw");
        Files.writeString(password, "a-long-password-of-the-operator\n");
        Path users = dir.resolve("users");
        assertThat(run("user", "add", "noc", "--password-file", password.toString(), "--users", users.toString()))
                .isEqualTo(0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
        assertThat(run("user", "add", "acme", "--customer", "1000", "--password-file", password.toString(), "--users",
                users.toString())).isEqualTo(0);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(users))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(users)).hasSize(2);
    }

    /** Probe: plain HTTP only. serve takes a PKCS12 keystore (and its password from a file) and says so in --help. */
    @Test
    void serveHasTlsOptions() {
        StringWriter help = new StringWriter();
        CommandLine command = new CommandLine(DashboardCommand.class);
        command.setOut(new PrintWriter(help));
        command.execute("serve", "--help");
        System.out.println(help);
        assertThat(help.toString()).contains("--tls-keystore=FILE", "--tls-keystore-password-file=FILE", "PKCS12");
    }

    /**
     * {@code serve --tls-keystore}: HTTPS with the keystore's certificate (TLS 1.2 or 1.3 only), the
     * session cookie Secure, HSTS; plain HTTP on that port gets no answer. A users file others can
     * read is named in a warning.
     */
    @Test
    void serveSpeaksTlsWithTheKeystoreGiven() throws Exception {
        SelfSignedKeystore keystore = SelfSignedKeystore.create(dir.resolve("tls"));
        Path users = dir.resolve("users");
        Files.writeString(users, UsersFile.line("noc", null, "noc-password".toCharArray()) + "\n");
        Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-r--r--"));
        try (DashboardProcess dashboard = DashboardProcess.start(dir.resolve("serve"), "--questdb-url", "http://127.0.0.1:1",
                "--users", users.toString(), "--tls-keystore", keystore.keystore().toString(),
                "--tls-keystore-password-file", keystore.passwordFile().toString())) {
            assertThat(dashboard.url()).startsWith("https://127.0.0.1:");
            HttpClient https = HttpClient.newBuilder().sslContext(keystore.trustingClient())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "/auth/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("user=noc&password=noc-password")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().firstValue("Location")).contains("/");
            assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie -> assertThat(cookie)
                    .startsWith("bwnf_session=").contains("; Secure", "; HttpOnly", "; SameSite=Strict"));
            assertThat(login.headers().firstValue("Strict-Transport-Security")).contains("max-age=31536000");
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            HttpResponse<String> me = https.send(HttpRequest.newBuilder(URI.create(dashboard.url() + "/api/me"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("\"user\":\"noc\"");
            assertThat(me.sslSession()).hasValueSatisfying(session -> assertThat(session.getProtocol()).isIn("TLSv1.3",
                    "TLSv1.2"));

            HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create(dashboard.url().replace("https:", "http:")
                    + "/login.html")).timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP to the HTTPS port").isInstanceOf(IOException.class);
            assertThat(dashboard.log()).doesNotContain(new String(keystore.password()))
                    .contains("WARNING " + users + " is readable by others (rw-r--r--); chmod 600 it");
        }
    }

    private static int run(String... args) {
        return new CommandLine(DashboardCommand.class).execute(args);
    }
}
