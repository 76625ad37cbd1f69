package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The login the stack's QuestDB requires, in every mode: QuestDB's own HTTP Basic authentication
 * ({@code http.user}/{@code http.password} in its server.conf), which covers SQL ({@code /exec}),
 * the InfluxDB v2 write API, imports, exports and the web console's queries.
 *
 * <p>The user is {@value #USER}; the password is generated on first use into
 * {@code <home>/secrets/}{@value #PASSWORD_FILE} (mode 0600, in a 0700 directory), next to
 * {@value #NETRC_FILE} for {@code curl --netrc-file}. The Influx sink gets both through the worker's
 * environment ({@value #USER_ENV}, {@value #PASSWORD_ENV}, which the shipped influx-sink.json names
 * through Connect's env config provider), the dashboard through {@code --questdb-password-file};
 * neither is ever on a command line. {@link #toString()} hides the password.
 */
public final class QuestDbLogin {

    public static final String USER = "flowstack";
    public static final String PASSWORD_FILE = "questdb.password";
    /** QuestDB's read-only PostgreSQL user ({@code pg.readonly.user}): the dashboard's explorer reads as it. */
    public static final String READONLY_USER = "explorer";
    /** Its password, generated like the other; the dashboard gets the file's name, never the password. */
    public static final String READONLY_PASSWORD_FILE = "questdb-readonly.password";
    public static final String NETRC_FILE = "questdb.netrc";
    /** {@code influx.username} of the shipped influx-sink.json: {@code ${env:FLOWSTACK_INFLUX_USER}}. */
    public static final String USER_ENV = "FLOWSTACK_INFLUX_USER";
    /** {@code influx.password} of the shipped influx-sink.json: {@code ${env:FLOWSTACK_INFLUX_PASSWORD}}. */
    public static final String PASSWORD_ENV = "FLOWSTACK_INFLUX_PASSWORD";

    /** {@code questdb.url} of the shipped raw-flows-sink.json: the stack's own QuestDB, whatever the Influx sink writes to. */
    public static final String RAW_URL_ENV = "FLOWSTACK_QUESTDB_URL";
    /** {@code questdb.username} of the shipped raw-flows-sink.json. */
    public static final String RAW_USER_ENV = "FLOWSTACK_QUESTDB_USER";
    /** {@code questdb.password} of the shipped raw-flows-sink.json. */
    public static final String RAW_PASSWORD_ENV = "FLOWSTACK_QUESTDB_PASSWORD";

    private final Path secretsDir;
    private final String password;
    private final String readonlyPassword;

    private QuestDbLogin(Path secretsDir, String password, String readonlyPassword) {
        this.secretsDir = secretsDir;
        this.password = password;
        this.readonlyPassword = readonlyPassword;
    }

    /** The login of the stack whose secrets are in {@code secretsDir}, generating the password on first use. */
    public static QuestDbLogin prepare(Path secretsDir) {
        Path dir = Objects.requireNonNull(secretsDir, "secretsDir").toAbsolutePath().normalize();
        try {
            OwnerOnly.createDirectory(dir);
            QuestDbLogin login = new QuestDbLogin(dir, PasswordFile.readOrCreate(dir.resolve(PASSWORD_FILE)),
                    PasswordFile.readOrCreate(dir.resolve(READONLY_PASSWORD_FILE)));
            OwnerOnly.write(login.netrcFile(), "machine " + BrokerSettings.HOST + " login " + USER + " password "
                    + login.password + "\n");
            return login;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare QuestDB's login in " + dir, e);
        }
    }

    /** The login of a running stack, without writing anything: for commands that query its QuestDB. */
    public static QuestDbLogin read(Path secretsDir) {
        Path dir = Objects.requireNonNull(secretsDir, "secretsDir").toAbsolutePath().normalize();
        Path file = dir.resolve(PASSWORD_FILE);
        if (!Files.isRegularFile(file)) {
            throw new StackException(file + " is missing: the password of the stack's QuestDB; run flowstack up");
        }
        try {
            // A home from before the read-only user has no such file; only its server.conf needs it.
            Path readonly = dir.resolve(READONLY_PASSWORD_FILE);
            return new QuestDbLogin(dir, PasswordFile.read(file), Files.isRegularFile(readonly) ? PasswordFile.read(readonly)
                    : null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public String user() {
        return USER;
    }

    /** The password itself: for the Authorization header, server.conf and tests that look for it; never log it. */
    public String password() {
        return password;
    }

    public Path passwordFile() {
        return secretsDir.resolve(PASSWORD_FILE);
    }

    /** The read-only PostgreSQL user's password file (for the dashboard's --questdb-pg-password-file). */
    public Path readonlyPasswordFile() {
        return secretsDir.resolve(READONLY_PASSWORD_FILE);
    }

    /** The read-only user's password itself: for server.conf and tests; never log it. */
    public String readonlyPassword() {
        return readonlyPassword;
    }

    public Path netrcFile() {
        return secretsDir.resolve(NETRC_FILE);
    }

    /** The value of the {@code Authorization} header. */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** QuestDB's server.conf keys that make it require this login over HTTP. */
    Map<String, String> serverConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("http.user", USER);
        conf.put("http.password", password);
        return conf;
    }

    /**
     * The keys that make the PostgreSQL wire require it too: {@value #USER} with the same password
     * (QuestDB's default admin/quest replaced) and the read-only user {@value #READONLY_USER}, which
     * QuestDB lets run no statement that writes.
     */
    Map<String, String> pgServerConf() {
        if (readonlyPassword == null) {
            throw new StackException(readonlyPasswordFile() + " is missing: run flowstack up to create it");
        }
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("pg.user", USER);
        conf.put("pg.password", password);
        conf.put("pg.readonly.user.enabled", "true");
        conf.put("pg.readonly.user", READONLY_USER);
        conf.put("pg.readonly.password", readonlyPassword);
        return conf;
    }

    /** The worker's environment for the shipped influx-sink.json (its login; the URL and org are the caller's). */
    public Map<String, String> sinkEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(USER_ENV, USER);
        env.put(PASSWORD_ENV, password);
        return env;
    }

    /** The worker's environment for the shipped raw-flows-sink.json: the stack's QuestDB at {@code url} and this login. */
    public Map<String, String> rawSinkEnvironment(String url) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(RAW_URL_ENV, url);
        env.put(RAW_USER_ENV, USER);
        env.put(RAW_PASSWORD_ENV, password);
        return env;
    }

    @Override
    public String toString() {
        return "QuestDbLogin[user=" + USER + ", password=[hidden], file=" + passwordFile() + "]";
    }
}
