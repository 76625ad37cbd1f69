package org.bwnetflow.connect.dashboard;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.query.InfluxStore;
import org.bwnetflow.connect.dashboard.query.QuestDbStore;
import org.bwnetflow.connect.dashboard.query.TrafficStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

        @Option(names = "--influx-url", description = "Read InfluxDB 2 (Flux) at this URL instead of QuestDB")
        String influxUrl;

        @Option(names = "--influx-org", defaultValue = "bwnetflow", description = "InfluxDB organization (default: ${DEFAULT-VALUE})")
        String influxOrg;

        @Option(names = "--influx-bucket", defaultValue = "flows", description = "InfluxDB bucket (default: ${DEFAULT-VALUE})")
        String influxBucket;

        @Option(names = "--influx-token-file", paramLabel = "FILE",
                description = "File holding the InfluxDB token (never on the command line)")
        Path influxTokenFile;

        @Option(names = "--users", required = true, description = "Users file (dashboard user add writes it)")
        Path users;

        @Override
        public Integer call() throws IOException, InterruptedException {
            TrafficStore store = influxUrl == null ? questDb()
                    : new InfluxStore(influxUrl, influxOrg, influxBucket, token());
            try (DashboardServer server = DashboardServer.start(new InetSocketAddress(listen, port), store,
                    UsersFile.load(users))) {
                System.out.println("dashboard: " + server.url() + " (data from " + store.describe() + ")");
                new CountDownLatch(1).await();
            }
            return 0;
        }

        private QuestDbStore questDb() throws IOException {
            if ((questDbUser == null) != (questDbPasswordFile == null)) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--questdb-user and --questdb-password-file go together");
            }
            return new QuestDbStore(questDbUrl, questDbUser, questDbPasswordFile == null ? new char[0]
                    : Files.readString(questDbPasswordFile, StandardCharsets.UTF_8).strip().toCharArray());
        }

        private char[] token() throws IOException {
            return influxTokenFile == null ? new char[0]
                    : Files.readString(influxTokenFile, StandardCharsets.UTF_8).strip().toCharArray();
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
            char[] password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip().toCharArray();
            Files.writeString(users, UsersFile.line(user, cid, password) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return 0;
        }
    }
}
