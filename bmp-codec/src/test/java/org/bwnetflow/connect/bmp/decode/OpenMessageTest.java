package org.bwnetflow.connect.bmp.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bwnetflow.connect.bmp.decode.UpdateBytes.bytes;
import static org.bwnetflow.connect.bmp.decode.UpdateBytes.concat;

import org.junit.jupiter.api.Test;

class OpenMessageTest {

    /** An OPEN of AS_TRANS with the given optional parameters (their bytes, already with their headers). */
    private static byte[] open(byte[] params, boolean extended) {
        byte[] fixed = concat(bytes(4, 0x5B, 0xA0, 0, 90, 192, 0, 2, 9), extended
                ? bytes(255, 255, params.length >> 8, params.length & 0xFF) : bytes(params.length));
        int length = BgpUpdateParser.HEADER + fixed.length + params.length;
        byte[] header = new byte[BgpUpdateParser.HEADER];
        java.util.Arrays.fill(header, 0, 16, (byte) 0xFF);
        header[16] = (byte) (length >> 8);
        header[17] = (byte) length;
        header[18] = OpenMessage.TYPE_OPEN;
        return concat(header, fixed, params);
    }

    @Test
    void fourOctetAsAndAddPathCapabilities() throws Exception {
        byte[] caps = concat(bytes(65, 4, 0xFA, 0x56, 0xEA, 0x01), // AS 4200000001
                bytes(69, 8, 0, 1, 1, 3, 0, 2, 1, 2)); // ADD-PATH: IPv4 send+receive, IPv6 send
        byte[] message = open(concat(bytes(2, caps.length), caps), false);
        OpenMessage open = OpenMessage.read(message, 0, message.length);
        assertThat(open.asn()).isEqualTo(4_200_000_001L);
        assertThat(open.fourByteAs()).isTrue();
        assertThat(open.holdTime()).isEqualTo(90);
        assertThat(open.bgpId()).isEqualTo(0xC0000209L);
        assertThat(open.sendsAddPath(false)).isTrue();
        assertThat(open.receivesAddPath(false)).isTrue();
        assertThat(open.sendsAddPath(true)).isTrue();
        assertThat(open.receivesAddPath(true)).isFalse();
    }

    @Test
    void extendedOptionalParametersOfRfc9072() throws Exception {
        byte[] caps = bytes(65, 4, 0, 0, 0xFD, 0xE8);
        byte[] message = open(concat(bytes(2, 0, caps.length), caps), true);
        OpenMessage open = OpenMessage.read(message, 0, message.length);
        assertThat(open.asn()).isEqualTo(65000);
    }

    @Test
    void withoutTheCapabilityTheTwoByteFieldCountsAndBadLengthsAreMalformed() throws Exception {
        byte[] message = open(new byte[0], false);
        OpenMessage open = OpenMessage.read(message, 0, message.length);
        assertThat(open.asn()).isEqualTo(23456);
        assertThat(open.fourByteAs()).isFalse();
        byte[] overlong = open(bytes(2, 9, 65, 4, 0, 0), false);
        assertThatThrownBy(() -> OpenMessage.read(overlong, 0, overlong.length)).isInstanceOf(MalformedBmpException.class);
        assertThatThrownBy(() -> OpenMessage.read(message, 0, 20)).isInstanceOf(MalformedBmpException.class);
    }
}
