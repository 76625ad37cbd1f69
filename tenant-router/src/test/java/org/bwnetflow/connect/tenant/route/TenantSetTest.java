package org.bwnetflow.connect.tenant.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantSetTest {

    @Test
    void idsAndInclusiveRanges() {
        TenantSet set = TenantSet.parse(List.of("1000", " 1200 - 1299 ", "5"));
        assertThat(set.contains(1000)).isTrue();
        assertThat(set.contains(1200)).isTrue();
        assertThat(set.contains(1250)).isTrue();
        assertThat(set.contains(1299)).isTrue();
        assertThat(set.contains(5)).isTrue();
        assertThat(set.contains(999)).isFalse();
        assertThat(set.contains(1001)).isFalse();
        assertThat(set.contains(1199)).isFalse();
        assertThat(set.contains(1300)).isFalse();
        assertThat(set.contains(0)).isFalse();
        assertThat(set.max()).isEqualTo(1299);
        assertThat(set.isAll()).isFalse();
    }

    @Test
    void overlappingAndAdjacentRangesMerge() {
        TenantSet set = TenantSet.parse(List.of("10-20", "15-30", "31", "40-50", "1-4294967295"));
        assertThat(set.contains(4_294_967_295L)).isTrue();
        assertThat(set.contains(35)).isTrue();
        TenantSet gaps = TenantSet.parse(List.of("10-20", "15-30", "31", "40-50"));
        assertThat(gaps.contains(31)).isTrue();
        assertThat(gaps.contains(32)).isFalse();
        assertThat(gaps.contains(45)).isTrue();
        assertThat(gaps.max()).isEqualTo(50);
    }

    @Test
    void emptyMeansEveryCustomerButNone() {
        TenantSet all = TenantSet.parse(List.of());
        assertThat(all.isAll()).isTrue();
        assertThat(all.contains(1)).isTrue();
        assertThat(all.contains(4_294_967_295L)).isTrue();
        assertThat(all.contains(0)).isFalse();
        assertThat(all.contains(4_294_967_296L)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1299-1200 | '1299-1200' is a reversed range (1299 > 1200)",
        "abc | 'abc': 'abc' is not a customer id",
        "12a | '12a': '12a' is not a customer id",
        "-5 | '-5': '-5' is not a customer id",
        "1000- | '1000-': '' is not a customer id",
        "0 | '0': 0 is not a customer id (Cid 0 means no customer)",
        "0-10 | '0-10': 0 is not a customer id",
        "4294967296 | '4294967296': 4294967296 is above 4294967295",
        "1-99999999999999999999 | '1-99999999999999999999': '99999999999999999999' is not a customer id",
        "1 - x | '1 - x': 'x' is not a customer id"})
    void badEntriesAreNamed(String entry, String message) {
        assertThatThrownBy(() -> TenantSet.parse(List.of("7", entry))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void anEmptyEntryIsRejected() {
        assertThatThrownBy(() -> TenantSet.parse(List.of("7", "", "8"))).hasMessageContaining("empty entry");
    }
}
