package org.bwnetflow.connect.flowctl;

import org.bwnetflow.connect.flowctl.anonymize.AnonymizeCommand;
import org.bwnetflow.connect.flowctl.bogons.BogonsCommand;
import org.bwnetflow.connect.flowctl.csv.CsvCommand;
import org.bwnetflow.connect.flowctl.ddos.DdosCommand;
import org.bwnetflow.connect.flowctl.sqlite.SqliteCommand;
import org.bwnetflow.connect.flowctl.decode.DecodeCommand;
import org.bwnetflow.connect.flowctl.generate.GenerateCommand;
import org.bwnetflow.connect.flowctl.tail.TailCommand;
import org.bwnetflow.connect.flowctl.tenants.TenantsCommand;
import org.bwnetflow.connect.flowctl.top.TopCommand;
import org.bwnetflow.connect.model.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code flowctl}: the operator's command-line tool for bwNetFlow Connect. */
@Command(name = "flowctl", mixinStandardHelpOptions = true, versionProvider = FlowCtl.VersionProvider.class,
        description = "bwNetFlow Connect command-line tool",
        subcommands = {DecodeCommand.class, GenerateCommand.class, TailCommand.class, TenantsCommand.class,
            AnonymizeCommand.class, CsvCommand.class, BogonsCommand.class,
            SqliteCommand.class, TopCommand.class, DdosCommand.class})
public final class FlowCtl {

    private FlowCtl() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests execute it in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new FlowCtl()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new KafkaAccessFailure());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"flowctl " + Version.get()};
        }
    }
}
