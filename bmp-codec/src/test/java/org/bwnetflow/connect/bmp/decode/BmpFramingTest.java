package org.bwnetflow.connect.bmp.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BmpFramingTest {

    private final BmpFraming framing = new BmpFraming(1 << 20);

    @Test
    void aMessageIsFramedOnceItsHeaderIsThere() throws Exception {
        byte[] stream = {3, 0, 0, 0, 10, 4, 0, 0, 0, 0, 3, 0};
        assertThat(framing.messageLength(stream, 0, 5)).isEqualTo(-1);
        assertThat(framing.messageLength(stream, 0, 6)).isEqualTo(10);
        assertThat(BmpMessageType.of(BmpFraming.typeCode(stream, 0))).isEqualTo(BmpMessageType.INITIATION);
        assertThat(framing.messageLength(stream, 10, 2)).isEqualTo(-1);
    }

    @Test
    void anotherVersionATooShortOrATooLongLengthIsMalformed() {
        assertThatThrownBy(() -> framing.messageLength(new byte[] {1, 0, 0, 0, 10, 0}, 0, 6)).hasMessageContaining("version 1");
        assertThatThrownBy(() -> framing.messageLength(new byte[] {3, 0, 0, 0, 5, 0}, 0, 6)).hasMessageContaining("shorter");
        assertThatThrownBy(() -> framing.messageLength(new byte[] {3, 0, 0x20, 0, 0, 0}, 0, 6))
                .hasMessageContaining("over the bound");
        assertThatThrownBy(() -> framing.messageLength(new byte[] {3, (byte) 0xFF, 0, 0, 0, 0}, 0, 6))
                .hasMessageContaining("over the bound");
    }

    @Test
    void typesWithoutAPeerHeader() {
        assertThat(BmpMessageType.INITIATION.hasPeerHeader()).isFalse();
        assertThat(BmpMessageType.TERMINATION.hasPeerHeader()).isFalse();
        assertThat(BmpMessageType.ROUTE_MONITORING.hasPeerHeader()).isTrue();
        assertThat(BmpMessageType.of(200)).isNull();
    }
}
