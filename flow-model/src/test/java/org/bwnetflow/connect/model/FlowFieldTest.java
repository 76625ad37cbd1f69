package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.bwnetflow.connect.model.proto.FlowMessageEnrichedProto.FlowMessage;
import org.junit.jupiter.api.Test;

/** The Java field table must say exactly what the .proto says. */
class FlowFieldTest {

    private static final Descriptor PROTO = FlowMessage.getDescriptor();

    @Test
    void everyProtoFieldIsInTheTableWithTheSameNumberNameAndType() {
        assertThat(PROTO.getFields()).hasSize(FlowField.all().length);
        for (FieldDescriptor descriptor : PROTO.getFields()) {
            FlowField field = FlowField.byNumber(descriptor.getNumber());
            assertThat(field).as("field %d", descriptor.getNumber()).isNotNull();
            assertThat(field.fieldName()).isEqualTo(descriptor.getName());
            assertThat(field.wireType()).as(descriptor.getName()).isEqualTo(wireTypeOf(descriptor));
        }
    }

    @Test
    void fieldsAreInNumberOrderSoConnectIndexesFollowTheProto() {
        List<Integer> numbers = Arrays.stream(FlowField.all()).map(FlowField::number).collect(Collectors.toList());
        assertThat(numbers).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void goflowEncapsulationAndPppNumbersStayReserved() {
        for (int number = 43; number <= 52; number++) {
            assertThat(PROTO.isReservedNumber(number)).as("reserved %d", number).isTrue();
            assertThat(FlowField.byNumber(number)).isNull();
        }
        assertThat(PROTO.isReservedNumber(63)).isTrue();
        assertThat(PROTO.isReservedNumber(64)).isTrue();
    }

    @Test
    void enumValuesMatchTheContract() {
        assertThat(FlowMessage.FlowType.NETFLOW_V5.getNumber()).isEqualTo(2);
        assertThat(FlowMessage.FlowType.NETFLOW_V9.getNumber()).isEqualTo(3);
        assertThat(FlowMessage.FlowType.IPFIX.getNumber()).isEqualTo(4);
        assertThat(FlowMessage.NormalizedType.Yes.getNumber()).isEqualTo(1);
        assertThat(FlowMessage.RemoteAddrType.Dst.getNumber()).isEqualTo(2);
    }

    private static WireType wireTypeOf(FieldDescriptor descriptor) {
        if (descriptor.isRepeated()) {
            assertThat(descriptor.getType()).as(descriptor.getName()).isEqualTo(FieldDescriptor.Type.UINT32);
            assertThat(descriptor.isPacked()).as(descriptor.getName() + " packed").isTrue();
            return WireType.UINT32_LIST;
        }
        switch (descriptor.getType()) {
            case UINT32:
                return WireType.UINT32;
            case UINT64:
                return WireType.UINT64;
            case BYTES:
                return WireType.BYTES;
            case STRING:
                return WireType.STRING;
            case BOOL:
                return WireType.BOOL;
            case ENUM:
                return WireType.ENUM;
            default:
                throw new AssertionError("type not in the contract: " + descriptor.getType());
        }
    }
}
