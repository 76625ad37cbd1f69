package org.bwnetflow.connect.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ProtocolNumbersTest {

    @Test
    void theTableCoversEveryAssignedNumber() {
        String[] table = ProtocolNumbers.table();
        assertThat(table).hasSize(256);
        assertThat(Arrays.stream(table, 0, 146)).allSatisfy(name -> assertThat(name).isNotBlank());
        assertThat(Arrays.stream(table, 146, 253)).allMatch(Objects::isNull);
        assertThat(Arrays.stream(table, 253, 256)).allSatisfy(name -> assertThat(name).isNotBlank());
    }

    @Test
    void namesANumberAndNothingOutsideTheRegistry() {
        assertThat(ProtocolNumbers.name(6)).isEqualTo("TCP");
        assertThat(ProtocolNumbers.name(58)).isEqualTo("IPv6-ICMP");
        assertThat(ProtocolNumbers.name(200)).as("unassigned").isNull();
        assertThat(ProtocolNumbers.name(-1)).isNull();
        assertThat(ProtocolNumbers.name(256)).isNull();
    }

    @Test
    void theTableIsACopy() {
        ProtocolNumbers.table()[6] = "changed";
        assertThat(ProtocolNumbers.name(6)).isEqualTo("TCP");
    }
}
