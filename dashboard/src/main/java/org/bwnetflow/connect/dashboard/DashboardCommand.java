package org.bwnetflow.connect.dashboard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import org.bwnetflow.connect.dashboard.attacks.Attacks;
import org.bwnetflow.connect.dashboard.auth.LiveUsersFile;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.explore.Explorer;
import org.bwnetflow.connect.dashboard.explore.PgDatabase;
import org.bwnetflow.connect.dashboard.query.InfluxStore;
import org.bwnetflow.connect.dashboard.query.QuestDbStore;
import org.bwnetflow.connect.dashboard.query.TrafficStore;
import org.bwnetflow.connect.model.table.FlowsTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dashboard serve} runs the dashboard; {@code dashboard user add} writes a login into the users file. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, subcommands = {DashboardCommand.Serve.class,
    DashboardCommand.UserAdd.class}, description = "bwNetFlow Connect web dashboard")
public final class DashboardCommand {

    private DashboardCommand() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DashboardCommand()).execute(args));
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve the dashboard until stopped")
    static final class Serve implements Callable<Integer> {

        @Option(names = "--listen", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE})")
        InetAddress listen;

        @Option(names = "--port", defaultValue = "8090", description = "HTTP port (default: ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--questdb-url", defaultValue = "http://127.0.0.1:9000",
                description = "QuestDB's HTTP endpoint (default: ${DEFAULT-VALUE})")
        String questDbUrl;

        @Option(names = "--questdb-user", paramLabel = "USER",
                description = "QuestDB's http.user, to log in with --questdb-password-file (the local stack's QuestDB "
                        + "requires it)")
        String questDbUser;

        @Option(names = "--questdb-password-file", paramLabel = "FILE",
                description = "File holding QuestDB's http.password (never on the command line)")
        Path questDbPasswordFile;

        @Option(names = "--questdb-pg-url", paramLabel = "URL",
                description = "The explorer over the raw flows and the DDoS attacks view: QuestDB's PostgreSQL wire, e.g. "
                        + "jdbc:postgresql://127.0.0.1:8812/qdb (without it, neither)")
        String questDbPgUrl;

        @Option(names = "--questdb-pg-user", paramLabel = "USER",
                description = "QuestDB's PostgreSQL user for the explorer and the attacks view (best its read-only user)")
        String questDbPgUser;

        @Option(names = "--questdb-pg-password-file", paramLabel = "FILE",
                description = "File holding that user's password (never on the command line)")
        Path questDbPgPasswordFile;

        @Option(names = "--flows-table", defaultValue = "flows_raw",
                description = "The raw flows table the explorer reads (default: ${DEFAULT-VALUE})")
        String flowsTable;

        @Option(names = "--influx-url", description = "Read InfluxDB 2 (Flux) at this URL instead of QuestDB")
        String influxUrl;

        @Option(names = "--influx-org", defaultValue = "bwnetflow", description = "InfluxDB organization (default: ${DEFAULT-VALUE})")
        String influxOrg;

        @Option(names = "--influx-bucket", defaultValue = "flows", description = "InfluxDB bucket (default: ${DEFAULT-VALUE})")
        String influxBucket;

        @Option(names = "--influx-token-file", paramLabel = "FILE",
                description = "File holding the InfluxDB token (never on the command line)")
        Path influxTokenFile;

        @Option(names = "--users", required = true, description = "Users file (dashboard user add writes it; read again "
                + "when it changes)")
        Path users;

        @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with the key and certificate "
                + "in this PKCS12 keystore (cookies then Secure, HSTS sent); without it plain HTTP")
        Path tlsKeystore;

        @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
                description = "File holding the keystore's password (never on the command line)")
        Path tlsKeystorePasswordFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if ((tlsKeystore == null) != (tlsKeystorePasswordFile == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--tls-keystore and --tls-keystore-password-file go together");
            }
            SSLContext tls = tlsKeystore == null ? null : TlsContext.fromPkcs12(tlsKeystore, secret(tlsKeystorePasswordFile));
            warnIfOthersCanRead(users);
            TrafficStore store = influxUrl == null ? questDb()
                    : new InfluxStore(influxUrl, influxOrg, influxBucket, token());
            PgDatabase database = pgDatabase();
            Explorer explorer = database == null ? null : new Explorer(database, flowsTable);
            Attacks attacks = database == null ? null : new Attacks(database);
            try (DashboardServer server = DashboardServer.start(new InetSocketAddress(listen, port), store, explorer,
                    attacks, new LiveUsersFile(users), tls)) {
                System.out.println("dashboard: " + server.url() + " (data from " + store.describe()
                        + (database == null ? "; no explorer, no attacks view" : "; explorer and attacks view from "
                        + database.describe()) + ")");
                new CountDownLatch(1).await();
            }
            return 0;
        }

        /** The users file holds password hashes: a copy lets anyone guess offline. */
        private static void warnIfOthersCanRead(Path file) throws IOException {
            if (Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                    System.err.println("dashboard: WARNING " + file + " is readable by others ("
                            + PosixFilePermissions.toString(permissions) + "); chmod 600 it");
                }
            }
        }

        private QuestDbStore questDb() throws IOException {
            if ((questDbUser == null) != (questDbPasswordFile == null)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--questdb-user and --questdb-password-file go together");
            }
            return new QuestDbStore(questDbUrl, questDbUser, questDbPasswordFile == null ? new char[0]
                    : Files.readString(questDbPasswordFile, StandardCharsets.UTF_8).strip().toCharArray());
        }

        /** QuestDB's PostgreSQL wire for the explorer and the attacks view; null without its options. */
        private PgDatabase pgDatabase() throws IOException {
            if (questDbPgUrl == null) {
                if (questDbPgUser != null || questDbPgPasswordFile != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--questdb-pg-user and "
                            + "--questdb-pg-password-file need --questdb-pg-url");
                }
                return null;
            }
            if (questDbPgUser == null || questDbPgPasswordFile == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--questdb-pg-url needs --questdb-pg-user "
                        + "and --questdb-pg-password-file");
            }
            if (!FlowsTable.isValidName(flowsTable)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--flows-table is lower-case letters, "
                        + "digits and _");
            }
            return new PgDatabase(questDbPgUrl, questDbPgUser, secret(questDbPgPasswordFile));
        }

        private char[] token() throws IOException {
            return influxTokenFile == null ? new char[0] : secret(influxTokenFile);
        }
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Add a login to the users file")
    static final class UserAdd implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "add", description = "add")
        String verb;

        @Parameters(index = "1", paramLabel = "USER")
        String user;

        @Option(names = "--customer", paramLabel = "CID", description = "A customer's login (sees only that cid); "
                + "without it an operator's")
        Long cid;

        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "File holding the password (never on the command line)")
        Path passwordFile;

        @Option(names = "--users", required = true, paramLabel = "FILE", description = "Users file to append to")
        Path users;

        @Override
        public Integer call() throws IOException {
            if (!"add".equals(verb)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "only 'user add' exists");
            }
            if (Files.exists(users) && UsersFile.load(users).has(user)) {
                throw new CommandLine.ParameterException(new CommandLine(this), "user '" + user + "' is in " + users
                        + " already");
            }
            char[] password = secret(passwordFile);
            if (!Files.exists(users)) { // created readable by its owner only, before a hash is in it
                Files.createFile(users, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(users, UsersFile.line(user, cid, password) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            Files.setPosixFilePermissions(users, PosixFilePermissions.fromString("rw-------"));
            return 0;
        }
    }

    /** A file's content, stripped: a password or token (never on a command line). */
    static char[] secret(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
    }
}
