package org.bwnetflow.connect.reduce.anonymize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CryptoPanKeyTest {

    private static final byte[] KEY = CryptoPanTest.REFERENCE_KEY;

    @Test
    void acceptsHexInEitherCaseAndBase64InEitherAlphabetWithSurroundingWhitespace() {
        String hex = HexFormat.of().formatHex(KEY);
        assertThat(CryptoPanKey.parse(hex)).isEqualTo(KEY);
        assertThat(CryptoPanKey.parse("  " + hex.toUpperCase() + "\n")).isEqualTo(KEY);
        assertThat(CryptoPanKey.parse(Base64.getEncoder().encodeToString(KEY))).isEqualTo(KEY);
        assertThat(CryptoPanKey.parse(Base64.getEncoder().withoutPadding().encodeToString(KEY))).isEqualTo(KEY);
        byte[] urlish = new byte[32];
        java.util.Arrays.fill(urlish, (byte) 0xFB); // encodes with '-' and '_' in the URL-safe alphabet
        assertThat(CryptoPanKey.parse(Base64.getUrlEncoder().encodeToString(urlish))).isEqualTo(urlish);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "0011", "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeffaa",
        "c2VjcmV0LXNlY3JldC1zZWNyZXQ=", "not*base64*at*all*but*secret*material*here*"})
    void rejectsEverythingElseWithoutEchoingIt(String text) {
        assertThatThrownBy(() -> CryptoPanKey.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64 hex digits")
                .satisfies(e -> {
                    if (text.strip().length() >= 4) {
                        assertThat(e.getMessage()).doesNotContain(text.strip()).doesNotContain(text.strip().substring(0, 4));
                    }
                });
        assertThatThrownBy(() -> CryptoPanKey.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
