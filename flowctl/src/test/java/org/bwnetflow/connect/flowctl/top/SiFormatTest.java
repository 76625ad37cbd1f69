package org.bwnetflow.connect.flowctl.top;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SiFormatTest {

    @Test
    void threeSignificantDigitsWithAPrefix() {
        assertThat(SiFormat.si(0)).isEqualTo("0");
        assertThat(SiFormat.si(950)).isEqualTo("950");
        assertThat(SiFormat.si(12.5)).isEqualTo("12.5");
        assertThat(SiFormat.si(0.5)).isEqualTo("0.50");
        assertThat(SiFormat.si(999.6)).isEqualTo("1.00 k");
        assertThat(SiFormat.si(1234)).isEqualTo("1.23 k");
        assertThat(SiFormat.si(45_600_000)).isEqualTo("45.6 M");
        assertThat(SiFormat.si(789e9)).isEqualTo("789 G");
    }
}
