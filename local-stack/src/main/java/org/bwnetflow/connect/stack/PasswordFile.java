package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A generated password in a file of its own (mode 0600): how the secure stack keeps each of its
 * secrets. The value never goes into a message.
 */
final class PasswordFile {

    /** Generated passwords use this alphabet only, so they need no quoting in JAAS, SCRAM or properties syntax. */
    private static final Pattern SAFE_PASSWORD = Pattern.compile("[A-Za-z0-9_-]{16,}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordFile() {
    }

    /** The password in {@code file}, generated (192 random bits) on first use. */
    static String readOrCreate(Path file) throws IOException {
        if (!Files.exists(file)) {
            OwnerOnly.createFile(file);
            Files.writeString(file, generate() + "\n", StandardCharsets.UTF_8);
        }
        return read(file);
    }

    /** Reads a password file: one line, surrounding whitespace ignored. */
    static String read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!SAFE_PASSWORD.matcher(value).matches()) {
            throw new StackException(file + " must hold one password of at least 16 characters from [A-Za-z0-9_-]; "
                    + "delete it to have a new one generated");
        }
        return value;
    }

    private static String generate() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
