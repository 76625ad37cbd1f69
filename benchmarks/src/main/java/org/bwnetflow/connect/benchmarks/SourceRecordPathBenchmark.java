package org.bwnetflow.connect.benchmarks;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.source.SourceRecord;
import org.bwnetflow.connect.model.FlowMessageConverter;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.source.Datagram;
import org.bwnetflow.connect.netflow.source.FlowRecords;
import org.bwnetflow.connect.netflow.source.offsets.OffsetJournal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole in-process source path, as the worker runs it per flow: a datagram through the
 * task's {@link FlowRecords} (decode, FlowMessage Struct, partition and offset from the offset
 * journal, SourceRecord), then each record's value through {@link FlowMessageConverter} to the
 * bytes the producer sends. Only the UDP receive, the SMT chain (none here) and the producer are
 * left out. NetFlow v9 from flowctl's generator, 24 flows per datagram; one operation is one
 * flow, so the score is flows per second per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SourceRecordPathBenchmark {

    static final int FLOWS = GeneratedTraffic.FLOWS_PER_DATAGRAM;
    private static final String TOPIC = "flows";

    private final List<SourceRecord> records = new ArrayList<>(FLOWS * 2);
    private final FlowMessageConverter converter = new FlowMessageConverter();
    private FlowRecords flowRecords;
    private List<Datagram> data;
    private int next;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        GeneratedTraffic traffic = GeneratedTraffic.netflowV9(Replay.NOW_MILLIS);
        InetAddress exporter = InetAddress.getByName("192.0.2.1");
        OffsetJournal journal = new OffsetJournal(DecoderSettings.DEFAULT_TEMPLATE_EXPIRY_MILLIS, () -> Replay.NOW_MILLIS);
        NetFlowDecoder decoder = new NetFlowDecoder(DecoderSettings.defaults(), journal);
        flowRecords = new FlowRecords(decoder, journal, TOPIC, false);
        converter.configure(Map.of(), false);
        for (byte[] template : traffic.templates) {
            flowRecords.decode(new Datagram(template, exporter, Replay.NOW_MILLIS), records);
        }
        data = new ArrayList<>();
        for (byte[] datagram : traffic.data) {
            data.add(new Datagram(datagram, exporter, Replay.NOW_MILLIS));
        }
        records.clear();
        flowRecords.decode(data.get(0), records);
        if (records.size() != FLOWS || converter.fromConnectData(TOPIC, records.get(0).valueSchema(),
                records.get(0).value()).length == 0) {
            throw new IllegalStateException("expected " + FLOWS + " records a datagram, got " + records.size());
        }
    }

    @Benchmark
    @OperationsPerInvocation(FLOWS)
    public void datagramToRecordsToBytes(Blackhole bh) {
        records.clear();
        flowRecords.decode(data.get(next++ & (GeneratedTraffic.DATAGRAMS - 1)), records);
        for (SourceRecord record : records) {
            bh.consume(record.sourceOffset());
            bh.consume(converter.fromConnectData(TOPIC, record.valueSchema(), record.value()));
        }
    }
}
