package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.model.proto.FlowMessageEnrichedProto.FlowMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlowMessageCodecTest {

    /** A distinct, non-default value for every field, including values at the unsigned edges. */
    static Object sampleValue(FlowField field) {
        int n = field.number();
        switch (field.wireType()) {
            case UINT32:
                return n % 2 == 0 ? 0xFFFF_FFFFL - n : 2_147_483_651L + n;
            case UINT64:
                return n % 2 == 0 ? Long.MAX_VALUE - n : 1L << 40 | n;
            case ENUM:
                return field == FlowField.TYPE ? 3 : 1;
            case BOOL:
                return true;
            case UINT32_LIST:
                return List.of((long) n, 4_200_000_001L, 0L, 0xFFFF_FFFFL);
            case STRING:
                return "v" + n + "-äß";
            case BYTES:
                return n % 2 == 0 ? new byte[] {10, 0, 0, (byte) n}
                        : new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) n};
            default:
                throw new AssertionError(field);
        }
    }

    static Struct fullFlow() {
        Struct flow = FlowMessageSchema.newFlow();
        for (FlowField field : FlowField.all()) {
            flow.put(FlowMessageSchema.field(field), sampleValue(field));
        }
        return flow;
    }

    @Test
    void everyFieldRoundTrips() {
        for (FlowField field : FlowField.all()) {
            Struct flow = FlowMessageSchema.newFlow();
            flow.put(FlowMessageSchema.field(field), sampleValue(field));
            Struct back = FlowMessageCodec.decode(FlowMessageCodec.encode(flow));
            assertThat(back.get(FlowMessageSchema.field(field))).as(field.fieldName()).isEqualTo(sampleValue(field));
            assertThat(back).as(field.fieldName()).isEqualTo(flow);
        }
    }

    @Test
    void allFieldsTogetherRoundTrip() {
        Struct flow = fullFlow();
        assertThat(FlowMessageCodec.decode(FlowMessageCodec.encode(flow))).isEqualTo(flow);
    }

    @Test
    void defaultsAreLeftOffTheWireLikeProto3() {
        assertThat(FlowMessageCodec.encode(FlowMessageSchema.newFlow())).isEmpty();
        Struct decoded = FlowMessageCodec.decode(new byte[0]);
        assertThat(decoded.get(FlowMessageSchema.field(FlowField.BYTES))).isEqualTo(0L);
        assertThat(decoded.get(FlowMessageSchema.field(FlowField.CID_STRING))).isEqualTo("");
    }

    /** What a goflow/bwNetFlow consumer does: parse our bytes with the generated class. */
    @Test
    void bytesWeWriteParseWithTheGeneratedReader() throws Exception {
        FlowMessage parsed = FlowMessage.parseFrom(FlowMessageCodec.encode(fullFlow()));
        assertThat(parsed.getUnknownFields().asMap()).isEmpty();
        for (FlowField field : FlowField.all()) {
            FieldDescriptor descriptor = FlowMessage.getDescriptor().findFieldByNumber(field.number());
            assertThat(generatedValue(parsed, descriptor)).as(field.fieldName()).isEqualTo(sampleValue(field));
        }
        assertThat(parsed.getType()).isEqualTo(FlowMessage.FlowType.NETFLOW_V9);
        assertThat(Integer.toUnsignedLong(parsed.getInIf())).isEqualTo(0xFFFF_FFFFL - 18);
    }

    /** And the reverse: a message built by the generated class reads back through our codec. */
    @Test
    void bytesTheGeneratedWriterProducesDecodeWithOurCodec() {
        FlowMessage.Builder builder = FlowMessage.newBuilder();
        for (FlowField field : FlowField.all()) {
            FieldDescriptor descriptor = FlowMessage.getDescriptor().findFieldByNumber(field.number());
            builder.setField(descriptor, generatedForm(descriptor, sampleValue(field)));
        }
        Struct decoded = FlowMessageCodec.decode(builder.build().toByteArray());
        assertThat(decoded).isEqualTo(fullFlow());
    }

    /** Protobuf readers must take a repeated field packed or not, and in several pieces; ours does too. */
    @Test
    void repeatedValuesUnpackedOrSplitAreReadInOrder() {
        byte[] bytes = FlowMessage.newBuilder().addDstAsPath(64500).addDstAsPath(65001).build().toByteArray();
        byte[] unpacked = {(byte) 0xE0, 0x44, 0x07}; // field 1100 as a single varint 7
        byte[] both = new byte[bytes.length + unpacked.length];
        System.arraycopy(bytes, 0, both, 0, bytes.length);
        System.arraycopy(unpacked, 0, both, bytes.length, unpacked.length);
        assertThat(FlowMessageCodec.decode(both).get(FlowMessageSchema.field(FlowField.DST_AS_PATH)))
                .isEqualTo(List.of(64500L, 65001L, 7L));
        assertThat(FlowMessageSchema.newFlow().get(FlowMessageSchema.field(FlowField.DST_AS_PATH))).isEqualTo(List.of());
    }

    @Test
    void unknownFieldsFromNewerWritersAreSkipped() {
        byte[] known = FlowMessageCodec.encode(fullFlow());
        byte[] withUnknown = FlowMessage.newBuilder()
                .setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
                        .addField(1999, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(42).build())
                        .addField(44, com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                                .addLengthDelimited(ByteString.copyFromUtf8("gre")).build())
                        .build())
                .build().toByteArray();
        byte[] both = new byte[known.length + withUnknown.length];
        System.arraycopy(known, 0, both, 0, known.length);
        System.arraycopy(withUnknown, 0, both, known.length, withUnknown.length);
        assertThat(FlowMessageCodec.decode(both)).isEqualTo(fullFlow());
    }

    @Test
    void textBeyondAsciiRoundTripsAndProtobufReadsItAlike() throws Exception {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setText(flow, FlowField.SRC_IF_DESC, "Überlandleitung Zürich ⇄ 東京 🛰");
        Flows.setText(flow, FlowField.PROTO_NAME, "TCP");
        byte[] bytes = FlowMessageCodec.encode(flow);
        assertThat(FlowMessageCodec.decode(bytes)).isEqualTo(flow);
        assertThat(FlowMessage.parseFrom(bytes).getSrcIfDesc()).isEqualTo("Überlandleitung Zürich ⇄ 東京 🛰");
    }

    @Test
    void aStringFieldThatIsNotUtf8IsRefusedAsProtobufRefusesIt() {
        // SrcIfDesc (1004) = 0xC3 0x28: a two-byte sequence whose second byte is no continuation byte
        byte[] bytes = {(byte) 0xE2, (byte) 0x3E, 2, (byte) 0xC3, 0x28};
        assertThatThrownBy(() -> FlowMessage.parseFrom(bytes)).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> FlowMessageCodec.decode(bytes)).isInstanceOf(DataException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void garbageIsADataExceptionNotACrash() {
        assertThatThrownBy(() -> FlowMessageCodec.decode(new byte[] {(byte) 0x0a, (byte) 0xff, 0x01}))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("not a FlowMessage");
    }

    @Test
    void structsOfAnEquivalentSchemaAreEncodedByFieldName() {
        Schema partial = SchemaBuilder.struct().name("other")
                .field("DstPort", Schema.INT64_SCHEMA)
                .field("SrcAddr", Schema.BYTES_SCHEMA)
                .field("Unrelated", Schema.STRING_SCHEMA)
                .build();
        Struct value = new Struct(partial)
                .put("DstPort", 443L)
                .put("SrcAddr", ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))
                .put("Unrelated", "x");
        Struct decoded = FlowMessageCodec.decode(FlowMessageCodec.encode(value));
        assertThat(decoded.getInt64("DstPort")).isEqualTo(443L);
        assertThat(decoded.getBytes("SrcAddr")).containsExactly(1, 2, 3, 4);
    }

    private static Object generatedValue(FlowMessage message, FieldDescriptor descriptor) {
        Object value = message.getField(descriptor);
        if (descriptor.isRepeated()) {
            return ((List<?>) value).stream().map(v -> Integer.toUnsignedLong((Integer) v)).toList();
        }
        switch (descriptor.getType()) {
            case UINT32:
                return Integer.toUnsignedLong((Integer) value);
            case ENUM:
                return ((com.google.protobuf.Descriptors.EnumValueDescriptor) value).getNumber();
            case BYTES:
                return ((ByteString) value).toByteArray();
            default:
                return value;
        }
    }

    private static Object generatedForm(FieldDescriptor descriptor, Object value) {
        if (descriptor.isRepeated()) {
            return ((List<?>) value).stream().map(v -> (int) (long) (Long) v).toList();
        }
        switch (descriptor.getType()) {
            case UINT32:
                return (int) (long) (Long) value;
            case ENUM:
                return descriptor.getEnumType().findValueByNumber((Integer) value);
            case BYTES:
                return ByteString.copyFrom((byte[]) value);
            case STRING:
                return new String(((String) value).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            default:
                return value;
        }
    }
}
