package org.bwnetflow.connect.flowctl.decode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.netflow.decode.DatagramSplitter;
import org.bwnetflow.connect.netflow.decode.DecoderCounters;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.StateListener;
import org.bwnetflow.connect.netflow.decode.FlowListener;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.source.FlowStructMapper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code flowctl decode}: datagram files or captures to JSON Lines of FlowMessage. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode NetFlow v5/v9, IPFIX and sFlow v5 to JSON Lines, one FlowMessage per flow (or sFlow "
                + "flow sample) (stdout).",
            "Each FILE holds raw datagrams back to back, read in order as from one exporter; with --pcap, "
                + "a pcap/pcapng capture whose UDP payloads are decoded, each with its sender as exporter.",
            "A summary goes to stderr. Exit code 0 when every file could be read, even if datagrams were malformed."})
public final class DecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Datagram files (or captures with --pcap)")
    List<Path> files;

    @Option(names = "--pcap", description = "Files are packet captures (pcap or pcapng)")
    boolean pcap;

    @Option(names = "--port", paramLabel = "PORT", description = "With --pcap: only UDP datagrams to this port")
    Integer port;

    @Option(names = "--exporter", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Exporter address for raw datagram files (default: ${DEFAULT-VALUE})")
    InetAddress exporter;

    @Override
    public Integer call() {
        NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), StateListener.NONE);
        // Buffered: picocli's own writer flushes on every line, too slow for large captures.
        PrintWriter out = new PrintWriter(new BufferedWriter(spec.commandLine().getOut(), 1 << 16));
        PrintWriter err = spec.commandLine().getErr();
        FlowListener printer = flow -> out.println(FlowJson.toJson(FlowStructMapper.toStruct(flow)));
        int unreadable = 0;
        int skippedPackets = 0;
        for (Path file : files) {
            try {
                byte[] bytes = Files.readAllBytes(file);
                if (pcap) {
                    PcapReader capture = PcapReader.read(bytes);
                    skippedPackets += capture.skipped();
                    for (CapturedDatagram d : capture.datagrams()) {
                        if (port == null || d.destinationPort() == port) {
                            decoder.decode(d.payload(), 0, d.payload().length, d.sender(), d.capturedMillis(), printer);
                        }
                    }
                } else {
                    long now = System.currentTimeMillis();
                    for (byte[] datagram : DatagramSplitter.split(bytes)) {
                        decoder.decode(datagram, 0, datagram.length, exporter, now, printer);
                    }
                }
            } catch (IOException e) {
                unreadable++;
                err.printf("flowctl decode: cannot read %s: %s%n", file, e.getMessage());
            }
        }
        out.flush();
        DecoderCounters c = decoder.counters();
        err.printf("datagrams=%d flows=%d reverse-flows=%d options=%d template-misses=%d malformed=%d unknown-version=%d"
                        + " time-fields-unusual-length=%d%s%s%s%n",
                c.datagrams(), c.flows(), c.reverseFlows(), c.optionsRecords(), c.templateMisses(), c.malformed(),
                c.unknownVersion(), c.timeFieldsUnusualLength(),
                pcap ? " non-udp-packets=" + skippedPackets : "",
                c.sflowSamples() + c.sflowCounterSamples() > 0 ? " sflow-samples=" + c.sflowSamples()
                        + " sflow-counter-samples=" + c.sflowCounterSamples() : "",
                c.internalErrors() > 0 ? " decoder-errors=" + c.internalErrors() : "");
        if (decoder.lastInternalError() != null) {
            decoder.lastInternalError().printStackTrace(err);
        }
        err.flush();
        return unreadable == 0 ? 0 : 2;
    }
}
