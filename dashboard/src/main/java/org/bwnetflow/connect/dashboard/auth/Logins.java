package org.bwnetflow.connect.dashboard.auth;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.bwnetflow.connect.model.logging.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may log in, and how often they may try: a password login (the form, or HTTP Basic) is
 * first held against the {@link LoginThrottle} (a waiting client or user is refused without a
 * check), then against {@link CredentialCache} (Basic only), then checked against the users file
 * in one of the {@link PasswordCheckSlots}. Sessions are checked against the users file as it is
 * now: a user removed or given a new password or role is logged out.
 */
public final class Logins {

    /** What became of a login. */
    public sealed interface Outcome permits Granted, Refused, Wait {
    }

    /** Logged in. */
    public record Granted(Principal principal) implements Outcome {
    }

    /** Wrong user or password. */
    public record Refused() implements Outcome {
    }

    /** Not checked: too many failures lately, or every password check slot busy; try again after that many seconds. */
    public record Wait(long seconds) implements Outcome {
    }

    private static final Logger log = LoggerFactory.getLogger(Logins.class);
    static final long CACHE_TTL_MILLIS = TimeUnit.MINUTES.toMillis(5);
    static final int CACHE_ENTRIES = 1000;
    static final long CLEAN_WAIT_MILLIS = 2000;

    private final Users users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final CredentialCache cache;
    private final PasswordCheckSlots slots;
    private final RateLimitedLog failures = new RateLimitedLog(10_000);
    private final RateLimitedLog waits = new RateLimitedLog(10_000);

    public Logins(Users users, Sessions sessions, LongSupplier clock) {
        this(users, sessions, clock, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    Logins(Users users, Sessions sessions, LongSupplier clock, int checkSlots) {
        this.users = users;
        this.sessions = sessions;
        this.throttle = new LoginThrottle(clock);
        this.cache = new CredentialCache(CACHE_ENTRIES, CACHE_TTL_MILLIS, clock);
        this.slots = new PasswordCheckSlots(checkSlots, CLEAN_WAIT_MILLIS);
    }

    /** A login with a password; {@code basic}: HTTP Basic, whose verified credentials are cached. */
    public Outcome attempt(InetAddress client, String user, char[] password, boolean basic) {
        long wait = throttle.waitMillis(client, user);
        if (wait > 0) {
            return waitFor(wait, client, user);
        }
        UsersFile file = users.current();
        String storedHash = file.storedHash(user);
        if (basic && storedHash != null) {
            Optional<Principal> cached = cache.find(user, password, storedHash);
            if (cached.isPresent()) {
                return new Granted(cached.get());
            }
        }
        Optional<Optional<Principal>> checked = slots.run(throttle.priority(client, user),
                () -> file.authenticate(user, password));
        if (checked.isEmpty()) {
            return waitFor(1000, client, user);
        }
        if (checked.get().isEmpty()) {
            throttle.failed(client, user, storedHash != null);
            if (failures.shouldLog()) {
                log.info("dashboard: failed login for user '{}' from {} ({} more not logged)", printable(user),
                        client.getHostAddress(), failures.takeSuppressed());
            }
            return new Refused();
        }
        throttle.succeeded(client, user);
        Principal principal = checked.get().get();
        if (basic) {
            cache.remember(user, password, storedHash, principal);
        }
        return new Granted(principal);
    }

    /** Opens a session for a login granted just now; its token. */
    public String openSession(Principal principal) {
        return sessions.open(principal, users.current().storedHash(principal.user()));
    }

    /** The principal of a live session whose user's line in the users file is still what it was at the login. */
    public Optional<Principal> session(String token) {
        Optional<Sessions.Session> session = sessions.find(token);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        UsersFile file = users.current();
        Principal principal = session.get().principal();
        if (!Objects.equals(file.storedHash(principal.user()), session.get().storedHash())
                || !file.principal(principal.user()).equals(Optional.of(principal))) {
            sessions.close(token);
            return Optional.empty();
        }
        return Optional.of(principal);
    }

    public void closeSession(String token) {
        sessions.close(token);
    }

    public long sessionLifetimeSeconds() {
        return TimeUnit.MILLISECONDS.toSeconds(sessions.lifetimeMillis());
    }

    private Wait waitFor(long millis, InetAddress client, String user) {
        if (waits.shouldLog()) {
            log.warn("dashboard: login for user '{}' from {} refused without a check: too many failed logins lately, "
                    + "or every check busy ({} more not logged)", printable(user), client.getHostAddress(),
                    waits.takeSuppressed());
        }
        return new Wait(Math.max(1, TimeUnit.MILLISECONDS.toSeconds(millis + 999)));
    }

    /** A user name as sent, safe for a log line. */
    private static String printable(String user) {
        String name = user == null ? "" : user.length() > 64 ? user.substring(0, 64) + "..." : user;
        return name.replaceAll("[^\\w.@-]", "?");
    }
}
