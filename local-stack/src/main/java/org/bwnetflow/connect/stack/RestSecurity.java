package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The secure stack's login to Connect's REST API: Kafka's {@link BasicAuthExtension} with a JAAS
 * {@code PropertyFileLoginModule} that knows one user, the operator.
 *
 * <p>In the secrets directory (all owner-only): {@value #PASSWORD_FILE} (generated on first use),
 * {@value #USERS_FILE} (the login module's user=password file), {@value #JAAS_FILE} (the JAAS
 * configuration naming it, given to the worker JVM as a system property: a path, never the
 * password) and {@value #NETRC_FILE} (for {@code curl --netrc-file}, so that the password stays
 * off command lines there too).
 */
public final class RestSecurity {

    public static final String USER = StackSecurity.OPERATOR;
    public static final String PASSWORD_FILE = "connect-rest.password";
    public static final String USERS_FILE = "connect-rest-users.properties";
    public static final String JAAS_FILE = "connect-rest.jaas";
    public static final String NETRC_FILE = "connect-rest.netrc";

    /** The JAAS entry the extension reads: its login module with the users file. */
    private static final String JAAS_ENTRY_TEXT = """
            %s {
              %s required
              file="%s";
            };
            """;

    private final Path secretsDir;
    private final RestLogin login;

    private RestSecurity(Path secretsDir, RestLogin login) {
        this.secretsDir = secretsDir;
        this.login = login;
    }

    /** Generates the password on first use and (re)writes the files derived from it; {@code dir} exists, owner-only. */
    static RestSecurity prepare(Path dir) throws IOException {
        requireJaasSafe(dir);
        RestSecurity security = new RestSecurity(dir, new RestLogin(USER, PasswordFile.readOrCreate(dir.resolve(PASSWORD_FILE))));
        Map<String, String> users = new LinkedHashMap<>();
        users.put(USER, security.login.password());
        PropertiesFile.write(security.usersFile(), "Connect REST users of the stack (secret)", users);
        writeOwnerOnly(security.jaasFile(), JAAS_ENTRY_TEXT.formatted(BasicAuthExtension.JAAS_ENTRY,
                BasicAuthExtension.LOGIN_MODULE, security.usersFile()));
        writeOwnerOnly(security.netrcFile(), "machine " + WorkerSettings.HOST + " login " + USER + " password "
                + security.login.password() + "\n");
        return security;
    }

    /**
     * The operator's REST login of the stack whose secrets are in {@code dir}, without writing anything: for
     * commands that talk to a running stack.
     */
    public static RestLogin readLogin(Path secretsDir) {
        Path file = Objects.requireNonNull(secretsDir, "secretsDir").resolve(PASSWORD_FILE);
        if (!Files.isRegularFile(file)) {
            throw new StackException(file + " is missing: the secure stack's REST login; run flowstack up --secure");
        }
        try {
            return new RestLogin(USER, PasswordFile.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public RestLogin login() {
        return login;
    }

    public Path passwordFile() {
        return secretsDir.resolve(PASSWORD_FILE);
    }

    public Path usersFile() {
        return secretsDir.resolve(USERS_FILE);
    }

    public Path jaasFile() {
        return secretsDir.resolve(JAAS_FILE);
    }

    public Path netrcFile() {
        return secretsDir.resolve(NETRC_FILE);
    }

    /** The worker JVM's option that makes the extension find its JAAS entry. */
    String workerJvmOption() {
        return "-Djava.security.auth.login.config=" + jaasFile();
    }

    /** Worker properties that install the extension (its plugin directory goes on plugin.path too). */
    Map<String, String> workerProperties() {
        return Map.of("rest.extension.classes", BasicAuthExtension.CLASS_NAME);
    }

    /** JAAS files quote the path in double quotes, where a quote or backslash would change its meaning. */
    private static void requireJaasSafe(Path dir) {
        String text = dir.toString();
        if (text.indexOf('"') >= 0 || text.indexOf('\\') >= 0) {
            throw new StackException("the secrets directory's path must not contain '\"' or '\\': " + dir);
        }
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        OwnerOnly.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RestSecurity[user=" + USER + ", secrets=" + secretsDir + "]";
    }
}
