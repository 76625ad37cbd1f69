package org.bwnetflow.connect.flowctl.top;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopSettingsTest {

    @Test
    void keysSwitchTheSortAndStepTheWindow() {
        TopSettings settings = new TopSettings(SortKey.BYTES, 10, 5);
        assertThat(settings.press('p')).isTrue();
        assertThat(settings.sort()).isEqualTo(SortKey.PACKETS);
        assertThat(settings.press('P')).as("already packets").isFalse();
        assertThat(settings.press('f')).isTrue();
        assertThat(settings.sort()).isEqualTo(SortKey.FLOWS);

        assertThat(settings.press('+')).isTrue();
        assertThat(settings.windowSeconds()).isEqualTo(30);
        settings.press('-');
        settings.press('-');
        assertThat(settings.windowSeconds()).isEqualTo(5);
        assertThat(settings.press('-')).as("shortest").isFalse();
        assertThat(settings.press('x')).isFalse();
    }

    @Test
    void aWindowBetweenTheStepsMovesToTheNeighbours() {
        TopSettings settings = new TopSettings(SortKey.BYTES, 45, 5);
        settings.press('+');
        assertThat(settings.windowSeconds()).isEqualTo(60);
        TopSettings other = new TopSettings(SortKey.BYTES, 45, 5);
        other.press('-');
        assertThat(other.windowSeconds()).isEqualTo(30);
        TopSettings longest = new TopSettings(SortKey.BYTES, 900, 5);
        assertThat(longest.press('+')).isFalse();
    }
}
