package org.bwnetflow.connect.flowctl.top;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatesTest {

    @Test
    void threeSignificantDigitsWithAPrefix() {
        assertThat(Rates.si(0)).isEqualTo("0");
        assertThat(Rates.si(950)).isEqualTo("950");
        assertThat(Rates.si(12.5)).isEqualTo("12.5");
        assertThat(Rates.si(0.5)).isEqualTo("0.50");
        assertThat(Rates.si(999.6)).isEqualTo("1.00 k");
        assertThat(Rates.si(1234)).isEqualTo("1.23 k");
        assertThat(Rates.si(45_600_000)).isEqualTo("45.6 M");
        assertThat(Rates.si(789e9)).isEqualTo("789 G");
    }
}
