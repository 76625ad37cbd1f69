package org.bwnetflow.connect.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's logins on the local stack: an operator ({@code noc}) and one customer per demo tenant, each with a
 * generated password in {@code <home>/dashboard/passwords/<login>}; the users file holds only their hashes (written
 * by the dashboard's own {@code user add}). All of it readable by the owner only.
 */
final class DashboardUsers {

    /** Login name to customer id; null for the operator, who sees every customer. */
    static final Map<String, String> LOGINS = logins();

    private static final Duration USER_ADD_TIMEOUT = Duration.ofSeconds(60);

    private DashboardUsers() {
    }

    private static Map<String, String> logins() {
        Map<String, String> logins = new LinkedHashMap<>();
        logins.put("noc", null);
        for (String cid : List.of("1000", "1001", "1100", "1200")) {
            logins.put("customer-" + cid, cid);
        }
        return logins;
    }

    /** The users file, created with every login on first use; modes made owner-only also in an older home. */
    static Path prepare(StackLayout layout, Path dashboardJar) {
        Path dir = layout.dashboardDir();
        Path passwords = dir.resolve("passwords");
        Path users = dir.resolve("users");
        try {
            OwnerOnly.createDirectory(dir);
            OwnerOnly.createDirectory(passwords);
            if (!Files.exists(users)) {
                for (Map.Entry<String, String> login : LOGINS.entrySet()) {
                    Path passwordFile = passwords.resolve(login.getKey());
                    PasswordFile.readOrCreate(passwordFile);
                    add(layout, dashboardJar, login.getKey(), login.getValue(), passwordFile, users);
                }
            }
            OwnerOnly.restrict(users);
            try (var files = Files.list(passwords)) {
                for (Path file : files.toList()) {
                    OwnerOnly.restrict(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the dashboard's logins in " + dir, e);
        }
        return users;
    }

    private static void add(StackLayout layout, Path jar, String user, String cid, Path passwordFile, Path users) {
        List<String> args = new ArrayList<>(List.of("user", "add", user));
        if (cid != null) {
            args.addAll(List.of("--customer", cid));
        }
        args.addAll(List.of("--password-file", passwordFile.toString(), "--users", users.toString()));
        JvmSpec spec = ToolJvm.of("dashboard-user-add", jar, Dashboard.MAIN_CLASS, "128m", args);
        int exit = StackProcess.run(spec, layout.dashboardLog(), USER_ADD_TIMEOUT);
        if (exit != 0) {
            throw new StackException("dashboard user add " + user + " exited " + exit + "; log "
                    + layout.dashboardLog() + ":\n" + LogTail.of(layout.dashboardLog(), 20));
        }
    }
}
