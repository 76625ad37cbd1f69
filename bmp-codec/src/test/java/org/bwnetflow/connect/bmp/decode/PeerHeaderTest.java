package org.bwnetflow.connect.bmp.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerHeaderTest {

    private static byte[] header(int type, int flags, byte[] address16, long as, long seconds, long micros) {
        byte[] b = new byte[PeerHeader.LENGTH];
        b[0] = (byte) type;
        b[1] = (byte) flags;
        b[9] = 7; // distinguisher 7
        System.arraycopy(address16, 0, b, 10, 16);
        put32(b, 26, as);
        put32(b, 30, 0x0A000001L);
        put32(b, 34, seconds);
        put32(b, 38, micros);
        return b;
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }

    @Test
    void anIpv4PeerPrePolicyAndAnIpv6PeerPostPolicy() throws Exception {
        byte[] v4 = new byte[16];
        v4[12] = (byte) 192;
        v4[13] = 0;
        v4[14] = 2;
        v4[15] = 1;
        PeerHeader pre = PeerHeader.read(header(0, 0x00, v4, 4_200_000_000L, 1_800_000_000L, 250_000), 0, 42);
        assertThat(pre.address()).containsExactly(192, 0, 2, 1);
        assertThat(pre.peerAs()).isEqualTo(4_200_000_000L);
        assertThat(pre.table()).isEqualTo(RibTable.ADJ_RIB_IN_PRE_POLICY);
        assertThat(pre.timestampMillis()).isEqualTo(1_800_000_000_250L);
        assertThat(pre.distinguisher()).isEqualTo(7);

        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[15] = 1;
        PeerHeader post = PeerHeader.read(header(1, 0x80 | 0x40 | 0x20, v6, 65001, 0, 0), 0, 42);
        assertThat(post.address()).hasSize(16).startsWith(0x20, 0x01);
        assertThat(post.table()).isEqualTo(RibTable.ADJ_RIB_IN_POST_POLICY);
        assertThat(post.twoByteAsPath()).isTrue();
    }

    @Test
    void locRibAndAdjRibOut() throws Exception {
        PeerHeader locRib = PeerHeader.read(header(3, 0x80, new byte[16], 65000, 0, 0), 0, 42);
        assertThat(locRib.table()).isEqualTo(RibTable.LOC_RIB);
        assertThat(locRib.filtered()).isTrue();
        assertThat(locRib.address()).hasSize(4);
        assertThat(PeerHeader.read(header(0, 0x10 | 0x40, new byte[16], 1, 0, 0), 0, 42).table())
                .isEqualTo(RibTable.ADJ_RIB_OUT_POST_POLICY);
    }

    @Test
    void aShortOrUnknownHeaderIsMalformed() {
        assertThatThrownBy(() -> PeerHeader.read(new byte[41], 0, 41)).isInstanceOf(MalformedBmpException.class);
        assertThatThrownBy(() -> PeerHeader.read(header(4, 0, new byte[16], 1, 0, 0), 0, 42))
                .hasMessageContaining("peer type 4");
    }
}
