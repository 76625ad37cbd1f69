package org.bwnetflow.connect.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * {@code flowstack sql} against a real QuestDB that requires the stack's password, laid out as
 * {@code flowstack up} leaves a home: it logs in with the password from the home's secrets; with a
 * password file that does not match, it fails saying so, without showing either password.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SqlCommandTest {

    @Test
    void logsInWithTheHomesPasswordAndSaysSoWhenItDoesNotMatch() throws Exception {
        Path home = Path.of("target", "sql-command-test", Long.toString(System.currentTimeMillis())).toAbsolutePath();
        StackLayout layout = new StackLayout(home);
        int port = FreePorts.tcp(1).get(0);
        QuestDbLogin login = QuestDbLogin.prepare(layout.secretsDir());
        new StackState(9092, 9093, 8083, false, port, 0, 1).write(layout.stateFile());
        QuestDbServer server = QuestDbServer.start(layout.questDbDir(), port, 0, login, layout.questDbLog(),
                layout.questDbPidFile(), false, List.of("CREATE TABLE IF NOT EXISTS t (cid SYMBOL, bytes LONG)",
                        "INSERT INTO t VALUES ('1000', 42)"));
        try {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertThat(run(out, err, "sql", "--home", home.toString(), "SELECT cid, bytes FROM t")).as(err.toString())
                    .isZero();
            assertThat(out.toString().lines().toList()).containsExactly("cid\tbytes", "1000\t42");

            String right = login.password();
            String other = right.substring(1) + "Z";
            Files.writeString(login.passwordFile(), other + "\n");
            StringWriter refusedOut = new StringWriter();
            StringWriter refusedErr = new StringWriter();
            assertThat(run(refusedOut, refusedErr, "sql", "--home", home.toString(), "SELECT 1")).isNotZero();
            assertThat(refusedErr.toString()).contains("401", QuestDbLogin.PASSWORD_FILE)
                    .doesNotContain(right, other);
            assertThat(refusedOut.toString()).doesNotContain(right, other);
        } finally {
            server.stop();
        }
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = FlowStack.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
