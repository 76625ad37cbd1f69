package org.bwnetflow.connect.rawflows.encode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.bwnetflow.connect.model.table.AddressHalves;
import org.junit.jupiter.api.Test;

class FlowLineEncoderTest {

    private final FlowLineEncoder encoder = new FlowLineEncoder("flows_raw");
    private final LineBuffer out = new LineBuffer(256);

    @Test
    void everyColumnOfAFullFlow() {
        Struct flow = TestFlows.flow("192.0.2.77", "2001:db8:1:2:3:4:5:6");
        TestFlows.withAddress(flow, FlowField.SAMPLER_ADDRESS, "198.51.100.1");
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, 1_700_000_000L);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, 1_700_000_010L);
        Flows.setNumber(flow, FlowField.SRC_PORT, 443);
        Flows.setNumber(flow, FlowField.DST_PORT, 51234);
        Flows.setNumber(flow, FlowField.PROTO, 6);
        Flows.setNumber(flow, FlowField.BYTES, 1500);
        Flows.setNumber(flow, FlowField.PACKETS, 3);
        Flows.setNumber(flow, FlowField.SAMPLING_RATE, 100);
        Flows.setNumber(flow, FlowField.IN_IF, 7);
        Flows.setNumber(flow, FlowField.OUT_IF, 4_294_967_295L);
        Flows.setText(flow, FlowField.SRC_IF_NAME, "ge-0/0/1");
        Flows.setText(flow, FlowField.DST_IF_NAME, "xe-1/2/3.100");
        Flows.setNumber(flow, FlowField.SRC_AS, 64500);
        Flows.setNumber(flow, FlowField.DST_AS, 4_200_000_000L);
        Flows.setNumber(flow, FlowField.NEXT_HOP_AS, 64501);
        Flows.setText(flow, FlowField.SRC_COUNTRY, "DE");
        Flows.setText(flow, FlowField.DST_COUNTRY, "US");
        Flows.setNumber(flow, FlowField.CID, 1000);
        Flows.setNumber(flow, FlowField.FLOW_DIRECTION, 1);
        Flows.setEnum(flow, FlowField.REMOTE_ADDR, 2);
        Flows.setText(flow, FlowField.PROTO_NAME, "TCP"); // not a column: not written

        assertThat(append(flow, "flows-1000", 3, 123_456L, 1_700_000_011_234L)).isTrue();

        long dstHigh = AddressHalves.high(TestFlows.address("2001:db8:1:2:3:4:5:6"));
        long dstLow = AddressHalves.low(TestFlows.address("2001:db8:1:2:3:4:5:6"));
        assertThat(out.line(0)).isEqualTo("flows_raw,exporter=198.51.100.1,in_if_name=ge-0/0/1,"
                + "out_if_name=xe-1/2/3.100,src_country=DE,dst_country=US,kafka_topic=flows-1000 "
                + "flow_start=1700000000000000t,flow_end=1700000010000000t,src_addr_hi=0i,src_addr_lo="
                + (0xffffL << 32 | 0xc000024dL) + "i,dst_addr_hi=" + dstHigh + "i,dst_addr_lo=" + dstLow + "i,"
                + "src_port=443i,dst_port=51234i,proto=6i,bytes=1500i,packets=3i,sampling_rate=100i,in_if=7i,"
                + "out_if=4294967295i,src_as=64500i,dst_as=4200000000i,next_hop_as=64501i,cid=1000i,flow_direction=1i,"
                + "remote_addr=2i,kafka_partition=3i,kafka_offset=123456i 1700000011234");
        assertThat(out.array()[out.size() - 1]).isEqualTo((byte) '\n');
    }

    @Test
    void anEmptyFlowHasEveryNumberAsZeroAndNoSymbolButTheTopic() {
        assertThat(append(FlowMessageSchema.newFlow(), "flows-unassigned", 0, 0, 5)).isTrue();
        assertThat(out.line(0)).isEqualTo("flows_raw,kafka_topic=flows-unassigned flow_start=0t,flow_end=0t,"
                + "src_addr_hi=0i,src_addr_lo=0i,dst_addr_hi=0i,dst_addr_lo=0i,src_port=0i,dst_port=0i,proto=0i,"
                + "bytes=0i,packets=0i,sampling_rate=0i,in_if=0i,out_if=0i,src_as=0i,dst_as=0i,next_hop_as=0i,cid=0i,"
                + "flow_direction=0i,remote_addr=0i,kafka_partition=0i,kafka_offset=0i 5");
    }

    @Test
    void ipv6ExporterAsJavaWritesItAndMappedIpv4AsDotted() {
        Struct v6 = TestFlows.withAddress(FlowMessageSchema.newFlow(), FlowField.SAMPLER_ADDRESS, "2001:db8::1");
        Struct mapped = FlowMessageSchema.newFlow();
        byte[] mappedBytes = new byte[16];
        mappedBytes[10] = (byte) 0xff;
        mappedBytes[11] = (byte) 0xff;
        mappedBytes[12] = 10;
        mappedBytes[15] = 9;
        Flows.setBytes(mapped, FlowField.SAMPLER_ADDRESS, mappedBytes);
        Struct odd = FlowMessageSchema.newFlow();
        Flows.setBytes(odd, FlowField.SAMPLER_ADDRESS, new byte[] {1, 2, 3});
        append(v6, "t", 0, 0, 1);
        append(mapped, "t", 0, 1, 1);
        append(odd, "t", 0, 2, 1);
        append(v6, "t", 0, 3, 1); // from the cache
        assertThat(out.line(0)).startsWith("flows_raw,exporter=2001:db8:0:0:0:0:0:1,kafka_topic=t ");
        assertThat(out.line(1)).startsWith("flows_raw,exporter=10.0.0.9,kafka_topic=t ");
        assertThat(out.line(2)).startsWith("flows_raw,kafka_topic=t ");
        assertThat(out.line(3)).startsWith("flows_raw,exporter=2001:db8:0:0:0:0:0:1,kafka_topic=t ");
    }

    @Test
    void ipv6AddressesAsTheirTwoHalvesEvenWithTheHighBitSet() {
        Struct flow = TestFlows.flow("fe80::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe");
        append(flow, "t", 0, 0, 1);
        assertThat(out.line(0)).contains("src_addr_hi=" + 0xfe80_0000_0000_0000L + "i,src_addr_lo=1i,dst_addr_hi=-1i,"
                + "dst_addr_lo=-2i,");
    }

    @Test
    void symbolValuesAreEscapedWhateverSnmpReturns() {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setText(flow, FlowField.SRC_IF_NAME, "Gi 0/1,uplink=core\\x\nnext\rline \"q\" ä€😀");
        append(flow, "t", 0, 0, 1);
        assertThat(out.line(0)).startsWith("flows_raw,in_if_name=Gi\\ 0/1\\,uplink\\=core\\\\x\\\nnext\\\rline\\ \"q\"\\ ä€😀,"
                + "kafka_topic=t flow_start=");
    }

    @Test
    void aTopicWithCharactersLineProtocolMeansIsEscapedToo() {
        append(FlowMessageSchema.newFlow(), "a b,c=d", 0, 0, 1);
        assertThat(out.line(0)).startsWith("flows_raw,kafka_topic=a\\ b\\,c\\=d flow_start=");
    }

    @Test
    void uint32ValuesAreCutTo32BitsAndCountersKeepTheir64() {
        byte[] bytes = FlowMessageCodec.encode(FlowMessageSchema.newFlow());
        bytes = concat(bytes, varintField(FlowField.SRC_PORT.number(), 0x1_0000_0050L), // 2^32 + 80: protobuf keeps 80
                varintField(FlowField.BYTES.number(), -1L)); // 2^64 - 1: a hostile exporter's counter
        assertThat(encoder.append(out, bytes, "t", 0, 0, 1)).isTrue();
        assertThat(out.line(0)).contains(",src_port=80i,").contains(",bytes=-1i,");
    }

    @Test
    void flowTimesBeyondYear9999AreCapped() {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, Long.MAX_VALUE);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, -1L);
        append(flow, "t", 0, 0, 1);
        long max = FlowLineEncoder.MAX_SECONDS * 1_000_000L;
        assertThat(out.line(0)).contains(" flow_start=" + max + "t,flow_end=" + max + "t,");
    }

    @Test
    void bytesThatAreNoFlowMessageLeaveTheBufferAsItWas() {
        append(TestFlows.fullFlow(), "t", 0, 0, 1);
        int size = out.size();
        byte[] good = FlowMessageCodec.encode(TestFlows.fullFlow());
        assertThat(encoder.append(out, Arrays.copyOf(good, good.length - 3), "t", 0, 1, 1)).as("truncated").isFalse();
        assertThat(encoder.append(out, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}, "t", 0, 1, 1))
                .as("an endless varint").isFalse();
        assertThat(encoder.append(out, new byte[] {0x0b}, "t", 0, 1, 1)).as("a group").isFalse();
        assertThat(encoder.append(out, new byte[] {0x00, 0x01}, "t", 0, 1, 1)).as("field number 0").isFalse();
        byte[] badUtf8 = concat(good, lengthField(FlowField.SRC_IF_NAME.number(), new byte[] {'a', (byte) 0xc3}));
        assertThat(encoder.append(out, badUtf8, "t", 0, 1, 1)).as("a string that is not UTF-8").isFalse();
        assertThat(out.size()).isEqualTo(size);
        assertThat(out.lines()).isEqualTo(1);
    }

    @Test
    void unknownFieldsAndWrongWireTypesAreSkippedAsProtobufDoes() {
        byte[] bytes = concat(varintField(9999, 5), lengthField(FlowField.BYTES.number(), new byte[] {1, 2}),
                varintField(FlowField.SRC_IF_NAME.number(), 7), varint(FlowField.PROTO.number() << 3 | 5),
                new byte[] {1, 2, 3, 4}, varintField(FlowField.PACKETS.number(), 9));
        assertThat(encoder.append(out, bytes, "t", 0, 0, 1)).isTrue();
        assertThat(out.line(0)).contains(",bytes=0i,packets=9i,").doesNotContain("in_if_name");
    }

    @Test
    void utf8CheckFollowsRfc3629() {
        assertThat(valid("ascii")).isTrue();
        assertThat(valid("ä€😀")).isTrue();
        assertThat(Utf8Check.isValid(new byte[] {(byte) 0xc0, (byte) 0x80}, 0, 2)).as("overlong").isFalse();
        assertThat(Utf8Check.isValid(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0, 3)).as("surrogate").isFalse();
        assertThat(Utf8Check.isValid(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4))
                .as("above U+10FFFF").isFalse();
        assertThat(Utf8Check.isValid(new byte[] {(byte) 0xe2, (byte) 0x82}, 0, 2)).as("truncated").isFalse();
    }

    @Test
    void aLineCanBeCutOutOfTheBuffer() {
        for (int i = 0; i < 3; i++) {
            append(FlowMessageSchema.newFlow(), "t", 0, i, 1);
        }
        out.removeLine(1);
        assertThat(out.lines()).isEqualTo(2);
        assertThat(out.line(0)).endsWith("kafka_offset=0i 1");
        assertThat(out.line(1)).endsWith("kafka_offset=2i 1");
        assertThat(new String(out.array(), 0, out.size(), StandardCharsets.UTF_8).split("\n")).hasSize(2);
    }

    private static boolean valid(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Utf8Check.isValid(bytes, 0, bytes.length);
    }

    private boolean append(Struct flow, String topic, int partition, long offset, long timestamp) {
        return encoder.append(out, FlowMessageCodec.encode(flow), topic, partition, offset, timestamp);
    }

    private static byte[] varintField(int number, long value) {
        return concat(varint((long) number << 3), varint(value));
    }

    private static byte[] lengthField(int number, byte[] value) {
        return concat(varint((long) number << 3 | 2), varint(value.length), value);
    }

    private static byte[] varint(long value) {
        byte[] bytes = new byte[10];
        int i = 0;
        while ((value & ~0x7fL) != 0) {
            bytes[i++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        bytes[i++] = (byte) value;
        return Arrays.copyOf(bytes, i);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
