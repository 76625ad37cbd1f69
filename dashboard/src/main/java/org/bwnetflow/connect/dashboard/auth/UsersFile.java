package org.bwnetflow.connect.dashboard.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's logins, kept by the operator in a text file, one per line:
 * {@code USER operator - HASH} or {@code USER customer CID HASH} ({@code #} starts a comment;
 * HASH from {@link PasswordHash}, as {@code dashboard user add} writes it).
 */
public final class UsersFile implements Users {

    private final Map<String, Entry> users;

    private UsersFile(Map<String, Entry> users) {
        this.users = users;
    }

    private record Entry(Principal principal, String hash) {
    }

    /** Reads the file; a bad line is an error naming the file, the line number and what is wrong. */
    public static UsersFile load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, Entry> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Entry entry = parse(line, file, i + 1);
            if (users.putIfAbsent(entry.principal().user(), entry) != null) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": user '" + entry.principal().user()
                        + "' is listed twice");
            }
        }
        return new UsersFile(users);
    }

    private static Entry parse(String line, Path file, int number) {
        String[] fields = line.split("\\s+");
        String where = file + " line " + number + ": ";
        if (fields.length != 4) {
            throw new IllegalArgumentException(where + "expected 'USER operator - HASH' or 'USER customer CID HASH'");
        }
        if (!PasswordHash.wellFormed(fields[3])) {
            throw new IllegalArgumentException(where + "the fourth field is not a " + PasswordHash.SCHEME + " hash");
        }
        switch (fields[1]) {
            case "operator":
                return new Entry(new Principal(fields[0], null), fields[3]);
            case "customer":
                try {
                    long cid = Long.parseLong(fields[2]);
                    if (cid < 1) {
                        throw new NumberFormatException();
                    }
                    return new Entry(new Principal(fields[0], cid), fields[3]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + "a customer needs a positive customer id, got '"
                            + fields[2] + "'");
                }
            default:
                throw new IllegalArgumentException(where + "role must be operator or customer, got '" + fields[1] + "'");
        }
    }

    /** The principal, if the user exists and the password is right. */
    public Optional<Principal> authenticate(String user, char[] password) {
        Entry entry = users.get(user);
        if (entry == null) {
            PasswordHash.verify(password, DUMMY); // the same work either way: no user enumeration by timing
            return Optional.empty();
        }
        return PasswordHash.verify(password, entry.hash()) ? Optional.of(entry.principal()) : Optional.empty();
    }

    private static final String DUMMY = PasswordHash.hash("no such user".toCharArray());

    public boolean has(String user) {
        return users.containsKey(user);
    }

    /** The user's login as the file says now, if it has the user. */
    Optional<Principal> principal(String user) {
        Entry entry = users.get(user);
        return entry == null ? Optional.empty() : Optional.of(entry.principal());
    }

    /** The user's stored hash, or null: what a cached credential or a session was checked against. */
    String storedHash(String user) {
        Entry entry = users.get(user);
        return entry == null ? null : entry.hash();
    }

    /** A file read once is what it is. */
    @Override
    public UsersFile current() {
        return this;
    }

    public int size() {
        return users.size();
    }

    /** A line for the file (what {@code dashboard user add} appends). */
    public static String line(String user, Long cid, char[] password) {
        if (!user.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new IllegalArgumentException("user names are 1-64 of letters, digits and . _ @ -");
        }
        return user + (cid == null ? " operator - " : " customer " + cid + " ") + PasswordHash.hash(password);
    }
}
