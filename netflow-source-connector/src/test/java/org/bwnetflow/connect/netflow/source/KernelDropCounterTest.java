package org.bwnetflow.connect.netflow.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelDropCounterTest {

    private static final String LINE =
            "  443: 0100007F:0807 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 81234 2 "
                    + "ffff8f0f 17";

    @Test
    void readsTheDropsColumnOfOurPort() {
        assertThat(KernelDropCounter.dropsOf(LINE, 0x0807)).isEqualTo(17L);
        assertThat(KernelDropCounter.dropsOf(LINE, 2055)).isEqualTo(17L);
    }

    @Test
    void ignoresOtherPortsAndTheHeader() {
        assertThat(KernelDropCounter.dropsOf(LINE, 9995)).isEqualTo(-1L);
        assertThat(KernelDropCounter.dropsOf("   sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                + "retrnsmt   uid  timeout inode ref pointer drops", 2055)).isEqualTo(-1L);
    }

    @Test
    void readsThisMachinesTable() {
        // Port 1 is never bound by a UDP socket here: found nothing, but the table was readable.
        assertThat(new KernelDropCounter(1).drops()).isIn(-1L, 0L);
    }
}
