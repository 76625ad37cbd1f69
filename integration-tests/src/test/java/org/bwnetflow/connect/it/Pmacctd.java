package org.bwnetflow.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.flowctl.testing.Tools;

/** pmacct's pmacctd (Debian package pmacct) reading a capture and exporting it with its sfprobe plugin. */
final class Pmacctd {

    private final Path dir;
    private final String config;

    private Pmacctd(Path dir, String config) {
        this.dir = dir;
        this.config = config;
    }

    /** Samples 1 in {@code samplingRate} packets of {@code capture} and sends sFlow v5 to 127.0.0.1:port. */
    static Pmacctd sfprobe(Path dir, Path capture, int port, String agent, int samplingRate) {
        return new Pmacctd(dir, String.join("\n",
                "daemonize: false",
                "pcap_savefile: " + capture.toAbsolutePath(),
                "plugins: sfprobe",
                "sfprobe_receiver: 127.0.0.1:" + port,
                "sfprobe_agentip: " + agent,
                "sampling_rate: " + samplingRate, ""));
    }

    /** Runs it until it has read the whole capture and exited. */
    void run() throws Exception {
        String pmacctd = Tools.require("pmacctd", "pmacct");
        Path file = dir.resolve("pmacctd.conf");
        Files.writeString(file, config);
        Path log = dir.resolve("pmacctd.log");
        Process process = new ProcessBuilder(pmacctd, "-f", file.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("pmacctd did not finish: %s", Files.readString(log)).isTrue();
        // At the end of a capture pmacctd's core and plugin race to shut down; then it exits 1 having sent all.
        assertThat(process.exitValue()).as(Files.readString(log)).isIn(0, 1);
        assertThat(Files.readString(log)).as("pmacctd's log").doesNotContain("ERROR (");
    }
}
