package org.bwnetflow.connect.tenant.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageCodec;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.tenant.testing.TenantFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidReaderTest {

    @Test
    void aFlowWithoutCidHasCid0() {
        byte[] bytes = FlowMessageCodec.encode(TenantFlows.flow(0));
        assertThat(bytes).isNotEmpty();
        assertThat(CidReader.read(bytes)).isZero();
    }

    @Test
    void anEmptyMessageIsAFlowWithEveryFieldAtItsDefault() {
        assertThat(CidReader.read(new byte[0])).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 127, 128, 1000, 65_535, 2_147_483_648L, 4_294_967_295L})
    void readsTheCidPastEveryOtherFieldAndWithFieldsAfterIt(long cid) {
        Struct flow = TenantFlows.flow(cid);
        // fields after 1000 on the wire: strings, a uint32, an enum
        Flows.setText(flow, FlowField.CID_STRING, "customer " + cid);
        Flows.setText(flow, FlowField.SRC_IF_NAME, "xe-0/0/0");
        Flows.setNumber(flow, FlowField.SRC_CID, 77);
        Flows.setEnum(flow, FlowField.REMOTE_ADDR, 2);
        Flows.setText(flow, FlowField.NOTE, "note");
        byte[] bytes = FlowMessageCodec.encode(flow);
        assertThat(CidReader.read(bytes)).isEqualTo(cid);
        assertThat(Flows.number(FlowMessageCodec.decode(bytes), FlowField.CID)).isEqualTo(cid);
    }

    @Test
    void theLastOccurrenceWinsAsWhenProtobufMergesConcatenatedMessages() {
        byte[] first = FlowMessageCodec.encode(TenantFlows.flow(5));
        byte[] second = FlowMessageCodec.encode(TenantFlows.flow(7));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        assertThat(CidReader.read(both)).isEqualTo(7);
        assertThat(Flows.number(FlowMessageCodec.decode(both), FlowField.CID)).isEqualTo(7);
    }

    @Test
    void aField1000OfAnotherWireTypeIsSkippedLikeTheCodecDoes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeUInt32(1000, 42);
        out.writeString(1000, "not a number");
        out.writeFixed64(999, 1);
        out.writeFixed32(998, 1);
        out.flush();
        assertThat(CidReader.read(bytes.toByteArray())).isEqualTo(42);
        assertThat(Flows.number(FlowMessageCodec.decode(bytes.toByteArray()), FlowField.CID)).isEqualTo(42);
    }

    @Test
    void readsAByteBufferFromItsPositionWithoutMovingIt() {
        byte[] flow = FlowMessageCodec.encode(TenantFlows.flow(1234));
        ByteBuffer buffer = ByteBuffer.allocate(flow.length + 3);
        buffer.put(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}).put(flow).position(3);
        assertThat(CidReader.read(buffer)).isEqualTo(1234);
        assertThat(buffer.position()).isEqualTo(3);
        assertThat(CidReader.read(ByteBuffer.wrap(flow).asReadOnlyBuffer())).isEqualTo(1234);
        ByteBuffer direct = ByteBuffer.allocateDirect(flow.length).put(flow).flip();
        assertThat(CidReader.read(direct)).isEqualTo(1234);
    }

    @Test
    void truncatedFlowsAreRejected() {
        Struct flow = TenantFlows.flow(1000);
        Flows.setText(flow, FlowField.NOTE, "a note long enough to be cut in the middle");
        byte[] bytes = FlowMessageCodec.encode(flow);
        for (int cut = bytes.length - 1; cut > bytes.length - 20; cut--) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> CidReader.read(truncated)).as("cut at %d", cut)
                    .isInstanceOf(DataException.class).hasMessageStartingWith("not a FlowMessage (" + cut + " bytes");
        }
    }

    @Test
    void aTruncatedVarintIsRejected() {
        byte[] bytes = {(byte) 0xC0, 0x3E, (byte) 0xE8}; // tag 8000 (field 1000, varint), then a varint cut short
        assertThat(bytes[0] & 0x7F | bytes[1] << 7).isEqualTo(CidReader.CID_TAG);
        assertThatThrownBy(() -> CidReader.read(bytes)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("not a FlowMessage (3 bytes");
    }

    @Test
    void garbageIsRejected() {
        assertThatThrownBy(() -> CidReader.read(new byte[] {0x0F})) // field 1, wire type 7
                .isInstanceOf(DataException.class).hasMessageStartingWith("not a FlowMessage");
        assertThatThrownBy(() -> CidReader.read(new byte[] {0x0C})) // field 1, end group without a start
                .isInstanceOf(DataException.class).hasMessageContaining("end-group");
        assertThatThrownBy(() -> CidReader.read("{\"Cid\": 1000}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> CidReader.read(new byte[] {0x00, 0x01})) // field number 0
                .isInstanceOf(DataException.class);
    }
}
