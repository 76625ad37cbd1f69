package org.bwnetflow.connect.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    @TempDir
    Path dir;

    @Test
    void operatorsAndCustomersLogInWithTheirOwnPasswordOnly() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, "# logins\n" + UsersFile.line("noc", null, "op-secret".toCharArray()) + "\n"
                + UsersFile.line("acme", 1000L, "acme-secret".toCharArray()) + "\n\n");
        UsersFile users = UsersFile.load(file);
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.authenticate("noc", "op-secret".toCharArray())).contains(new Principal("noc", null));
        assertThat(users.authenticate("acme", "acme-secret".toCharArray())).contains(new Principal("acme", 1000L));
        assertThat(users.authenticate("acme", "op-secret".toCharArray())).isEmpty();
        assertThat(users.authenticate("nobody", "acme-secret".toCharArray())).isEmpty();
        assertThat(Files.readString(file)).as("no password in the file").doesNotContain("secret");
    }

    @Test
    void aBadLineIsNamedWithItsNumber() throws Exception {
        String hash = PasswordHash.hash("x".toCharArray());
        assertRefused("a operator - " + hash + "\nb customer zero " + hash, "line 2", "positive customer id");
        assertRefused("a admin - " + hash, "line 1", "role must be operator or customer");
        assertRefused("a operator - plaintext", "line 1", "not a pbkdf2-sha256 hash");
        assertRefused("a operator " + hash, "line 1", "expected 'USER operator - HASH'");
        assertRefused("a operator - " + hash + "\na customer 1 " + hash, "line 2", "listed twice");
    }

    @Test
    void hashesAreSaltedAndAWrongOrMalformedHashNeverMatches() {
        String first = PasswordHash.hash("pw".toCharArray());
        assertThat(PasswordHash.hash("pw".toCharArray())).isNotEqualTo(first);
        assertThat(PasswordHash.verify("pw".toCharArray(), first)).isTrue();
        assertThat(PasswordHash.verify("pW".toCharArray(), first)).isFalse();
        assertThat(PasswordHash.verify("pw".toCharArray(), "pbkdf2-sha256$1$!!$??")).isFalse();
        assertThat(first).startsWith("pbkdf2-sha256$210000$");
    }

    private void assertRefused(String content, String... message) throws Exception {
        Path file = dir.resolve("bad");
        Files.writeString(file, content);
        assertThatThrownBy(() -> UsersFile.load(file)).hasMessageContainingAll(message);
    }
}
