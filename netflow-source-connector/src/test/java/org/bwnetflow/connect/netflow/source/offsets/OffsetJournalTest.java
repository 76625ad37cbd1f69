package org.bwnetflow.connect.netflow.source.offsets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.InterfaceInfo;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.testing.Datagrams;
import org.junit.jupiter.api.Test;

/**
 * The journal between a real decoder and an in-memory offset store that does what Connect does
 * (latest offset per partition, null deletes): what is written, when, how big, and what is deleted.
 */
class OffsetJournalTest {

    private static final long EXPIRY = 60_000;
    private static final InetAddress EXPORTER = address("192.0.2.1");

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final OffsetJournal journal = new OffsetJournal(EXPIRY, clock::get);
    private final NetFlowDecoder decoder = new NetFlowDecoder(
            new DecoderSettings(EXPIRY, EXPIRY, 256L << 20, 0, Map.of()), journal);
    private final Map<Map<String, Object>, Map<String, Object>> store = new HashMap<>();
    private final List<DecodedFlow> flows = new ArrayList<>();
    private long sequence;

    @Test
    void aTemplateIsWrittenWhenItDecodesAFlowAndAgainOnlyWhenItChangesOrGetsOld() {
        decode(Datagrams.v9(sequence++, 0).v9Template(256, 8, 4, 12, 4).bytes()); // no flow yet: nothing to save
        decode(data(3));
        assertThat(templatePartitions()).hasSize(1);
        long writes = journal.writes();
        decode(Datagrams.v9(sequence++, 0).v9Template(256, 8, 4, 12, 4).bytes()); // unchanged refresh
        decode(data(3));
        assertThat(journal.writes() - writes).as("no template rewrite").isZero();
        clock.addAndGet(EXPIRY / 4 + 1);
        decode(Datagrams.v9(sequence++, 0).v9Template(256, 8, 4, 12, 4).bytes()); // refresh time getting old
        decode(data(3));
        assertThat(savedTemplate(256).get("refreshed.at")).isEqualTo(clock.get());
        decode(Datagrams.v9(sequence++, 0).v9Template(256, 8, 4, 12, 4, 7, 2).bytes()); // new layout
        decode(data6(2));
        assertThat((String) savedTemplate(256).get("template")).endsWith(",7:2");
        assertThat(domainOffset().get("templates")).isEqualTo("256");
    }

    @Test
    void aForgottenDomainTakesAllItsPartitionsWithIt() {
        decode(Datagrams.v9(sequence++, 0).v9Template(256, 8, 4, 12, 4).v9Template(257, 8, 4, 10, 4).bytes());
        decode(interfaceTable(0, 10, "eth", "uplink"));
        decode(Datagrams.v9(sequence++, 0).set(256, 4 + 8).u32(1).u32(2).set(257, 4 + 8).u32(1).u32(3).bytes());
        clock.addAndGet(OffsetJournal.BUCKET_RESOLVE_INTERVAL_MS);
        flush();
        assertThat(templatePartitions()).hasSize(2);
        assertThat(store.keySet()).anyMatch(p -> p.containsKey("interfaces"));
        assertThat(domainOffset().get("interfaces")).isNotEqualTo("");
        int saved = store.size(); // domain, two templates, the buckets of interfaces 0 (OutIf) and 3 (InIf)

        decoder.expire(clock.addAndGet(EXPIRY + 1));
        flush();
        assertThat(store).isEmpty();
        assertThat(journal.tombstones()).isEqualTo(saved);
    }

    @Test
    void aTableOf65536InterfacesIsSavedInBoundedOffsetsAndReadBackWhole() {
        decode(Datagrams.v9(sequence++, 0).v9Template(256, 10, 4, 8, 4).bytes());
        for (int start = 0; start < 65_536; start += 700) {
            decode(interfaceTable(start, Math.min(700, 65_536 - start), "ge-0/0/", "customer uplink, rack B"));
        }
        for (int start = 0; start < 65_536; start += 2000) { // flows on every interface prove every entry
            Datagrams d = Datagrams.v9(sequence++, 0).set(256, 4 + Math.min(2000, 65_536 - start) * 8);
            for (int i = start; i < Math.min(start + 2000, 65_536); i++) {
                d.u32(i).u32(0x0A000001);
            }
            decode(d.bytes());
            clock.addAndGet(OffsetJournal.BUCKET_RESOLVE_INTERVAL_MS);
        }
        flush();
        assertThat(store.keySet().stream().filter(p -> p.containsKey("interfaces"))).hasSizeLessThanOrEqualTo(1024);
        assertThat(store.values()).allSatisfy(o -> assertThat(OffsetFormat.jsonSize(o)).isLessThanOrEqualTo(65_536));
        assertThat(journal.entriesCut()).isZero();
        assertThat(journal.largestOffsetBytes()).isLessThanOrEqualTo(OffsetFormat.MAX_OFFSET_BYTES);

        System.out.printf("65,536 interfaces: %d interface partitions, largest offset value %d bytes%n",
                store.keySet().stream().filter(p -> p.containsKey("interfaces")).count(), journal.largestOffsetBytes());
        SavedStateReader.Restored restored = readBack();
        assertThat(restored.saved().interfaces()).hasSize(65_536)
                .containsEntry(4711L, new InterfaceInfo("ge-0/0/4711", "customer uplink, rack B 4711"));
        assertThat(restored.unreadable()).isZero();
    }

    @Test
    void namesAtTheLengthCapInFourByteCharactersStillGiveOffsetsUnder64KiB() {
        String wide = "\uD83D\uDE00".repeat(InterfaceInfo.MAX_TEXT_LENGTH / 2); // 64 emoji = 128 chars, 256 bytes
        decode(Datagrams.v9(sequence++, 0).v9Template(256, 10, 4, 8, 4).bytes());
        for (int start = 0; start < 20_000; start += 100) {
            decode(interfaceTable(start, 100, wide, wide));
        }
        for (int start = 0; start < 20_000; start += 2000) {
            Datagrams d = Datagrams.v9(sequence++, 0).set(256, 4 + 2000 * 8);
            for (int i = start; i < start + 2000; i++) {
                d.u32(i).u32(0x0A000001);
            }
            decode(d.bytes());
            clock.addAndGet(OffsetJournal.BUCKET_RESOLVE_INTERVAL_MS);
        }
        flush();
        assertThat(store.values()).allSatisfy(o -> assertThat(OffsetFormat.jsonSize(o)).isLessThanOrEqualTo(65_536));
        int saved = readBack().saved().interfaces().size();
        System.out.printf("20,000 interfaces with 128-character 4-byte names: %d saved, %d cut, largest offset value %d bytes%n",
                saved, journal.entriesCut(), journal.largestOffsetBytes());
        assertThat(saved + journal.entriesCut()).isEqualTo(20_000); // what did not fit is counted, not lost silently
    }

    @Test
    void interfaceNamesRoundTripWhateverTheyContain() {
        Map<Long, InterfaceInfo> entries = new HashMap<>();
        entries.put(1L, new InterfaceInfo("-", "-"));
        entries.put(2L, new InterfaceInfo(null, "only a description"));
        entries.put(3L, new InterfaceInfo("a,b;c=d|e:f", null));
        entries.put(4L, new InterfaceInfo("12,3", "\n\t\"quoted\" \\ and ünïcødé"));
        entries.put(5L, new InterfaceInfo("", ""));
        int[] unreadable = {0};
        assertThat(OffsetFormat.decodeInterfaces(OffsetFormat.encodeInterfaces(entries), unreadable)).isEqualTo(entries);
        assertThat(unreadable[0]).isZero();
    }

    private SavedStateReader.Restored readBack() {
        SavedStateReader reader = new SavedStateReader(EXPIRY, EXPIRY);
        Map<String, Object> partition = OffsetFormat.domainPartition(EXPORTER.getHostAddress(), 9, 0);
        return reader.read(partition, store.get(partition), store, clock.get());
    }

    private void decode(byte[] datagram) {
        decoder.decode(datagram, 0, datagram.length, EXPORTER, clock.get(), flow -> {
            flows.add(flow.copy());
            commit(journal.offsetFor(flow)); // what the task does for every record
        });
    }

    /** Records keep coming: pending writes drain. */
    private void flush() {
        for (int i = 0; i < 10_000 && journal.pendingWrites() > 0; i++) {
            commit(journal.offsetFor(flows.get(0)));
            clock.addAndGet(10);
        }
        assertThat(journal.pendingWrites()).isZero();
    }

    private void commit(OffsetWrite write) {
        if (write.offset() == null) {
            store.remove(write.partition());
        } else {
            store.put(write.partition(), write.offset());
        }
    }

    private byte[] data(int records) {
        Datagrams d = Datagrams.v9(sequence++, 0).set(256, 4 + records * 8);
        for (int i = 0; i < records; i++) {
            d.u32(0x0A000000L + i).u32(0x0A000001);
        }
        return d.bytes();
    }

    private byte[] data6(int records) {
        Datagrams d = Datagrams.v9(sequence++, 0).set(256, 4 + records * 10);
        for (int i = 0; i < records; i++) {
            d.u32(0x0A000000L + i).u32(0x0A000001).u16(80);
        }
        return d.bytes();
    }

    /** An options template (scope: interface) and its records: ifIndex, name + index, description + index. */
    private byte[] interfaceTable(int start, int count, String name, String description) {
        List<byte[]> names = new ArrayList<>();
        int length = 0;
        for (int i = start; i < start + count; i++) {
            byte[] n = (name + (name.startsWith("\uD83D") ? "" : i)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] desc = (description + (description.startsWith("\uD83D") ? "" : " " + i))
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            names.add(n);
            names.add(desc);
            length = Math.max(length, Math.max(n.length, desc.length));
        }
        Datagrams d = Datagrams.v9(sequence++, 0)
                .set(1, 4 + 6 + 12).u16(300).u16(4).u16(8).u16(2).u16(4).u16(82).u16(length).u16(83).u16(length);
        d.set(300, 4 + count * (4 + 2 * length));
        for (int i = 0; i < count; i++) {
            d.u32(start + i).bytes(java.util.Arrays.copyOf(names.get(2 * i), length))
                    .bytes(java.util.Arrays.copyOf(names.get(2 * i + 1), length));
        }
        return d.bytes();
    }

    private List<Map<String, Object>> templatePartitions() {
        return store.keySet().stream().filter(p -> p.containsKey("template")).toList();
    }

    private Map<String, Object> savedTemplate(int id) {
        return store.get(OffsetFormat.templatePartition(OffsetFormat.domainPartition(EXPORTER.getHostAddress(), 9, 0), id));
    }

    private Map<String, Object> domainOffset() {
        return store.get(OffsetFormat.domainPartition(EXPORTER.getHostAddress(), 9, 0));
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

}
