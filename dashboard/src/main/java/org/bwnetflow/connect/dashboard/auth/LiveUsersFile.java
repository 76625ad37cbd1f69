package org.bwnetflow.connect.dashboard.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users file as the operator keeps it: looked at (modification time and size) at most once
 * a second and read again when it changed, so that {@code dashboard user add}, a new password or
 * a removed line takes effect without a restart; cached credentials and sessions checked against
 * an older hash then miss. A file that became unreadable or wrong keeps the logins read last,
 * with an error in the log (once a minute).
 */
public final class LiveUsersFile implements Users {

    private static final Logger log = LoggerFactory.getLogger(LiveUsersFile.class);
    private static final long CHECK_MILLIS = 1000;

    private final Path file;
    private final RateLimitedLog unreadable = new RateLimitedLog(60_000);
    private volatile UsersFile users;
    private FileTime modified;
    private long size;
    private long checkedAtMillis;

    /** Reads the file; a bad file is an error here (the dashboard does not start). */
    public LiveUsersFile(Path file) throws IOException {
        this.file = file;
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        this.users = UsersFile.load(file);
        this.modified = attributes.lastModifiedTime();
        this.size = attributes.size();
        this.checkedAtMillis = System.currentTimeMillis();
    }

    @Override
    public UsersFile current() {
        long now = System.currentTimeMillis();
        synchronized (this) {
            if (now - checkedAtMillis >= CHECK_MILLIS) {
                checkedAtMillis = now;
                reloadIfChanged();
            }
        }
        return users;
    }

    private void reloadIfChanged() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.lastModifiedTime().equals(modified) && attributes.size() == size) {
                return;
            }
            UsersFile read = UsersFile.load(file);
            modified = attributes.lastModifiedTime();
            size = attributes.size();
            users = read;
            log.info("dashboard: read {} again: {} logins", file, read.size());
        } catch (IOException | IllegalArgumentException e) {
            if (unreadable.shouldLog()) {
                log.error("dashboard: cannot read {} again ({}); the logins read last stay", file, e.getMessage());
            }
        }
    }
}
