package org.bwnetflow.connect.dashboard.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Failed logins, per client address and per user ({@link Backoff}): an address may fail
 * {@value #FREE_PER_ADDRESS} times in a row, a user {@value #FREE_PER_USER} times (from
 * anywhere), before each must wait 1 s, then 2 s, 4 s ... at most 5 minutes; a login that
 * succeeds clears both. Users that do not exist are not counted per user (their names would
 * grow the map; the address is counted). IPv6 clients count per /64, the block one host gets.
 * Addresses that logged in lately ({@value #MAX_KNOWN} at most, for a week) are known: their
 * password checks go first ({@link PasswordCheckSlots}).
 */
public final class LoginThrottle {

    static final int FREE_PER_ADDRESS = 3;
    static final int FREE_PER_USER = 5;
    static final long FIRST_WAIT_MILLIS = 1000;
    static final long MAX_WAIT_MILLIS = TimeUnit.MINUTES.toMillis(5);
    static final long FORGET_MILLIS = TimeUnit.MINUTES.toMillis(15);
    static final int MAX_ADDRESSES = 10_000;
    static final int MAX_USERS = 10_000;
    static final int MAX_KNOWN = 10_000;
    static final long KNOWN_MILLIS = TimeUnit.DAYS.toMillis(7);

    private final Backoff addresses;
    private final Backoff users;
    private final LinkedHashMap<String, Long> known = new LinkedHashMap<>(64, 0.75f, true);
    private final LongSupplier clock;

    public LoginThrottle(LongSupplier clock) {
        this.clock = clock;
        addresses = new Backoff(MAX_ADDRESSES, FREE_PER_ADDRESS, FIRST_WAIT_MILLIS, MAX_WAIT_MILLIS, FORGET_MILLIS, clock);
        users = new Backoff(MAX_USERS, FREE_PER_USER, FIRST_WAIT_MILLIS, MAX_WAIT_MILLIS, FORGET_MILLIS, clock);
    }

    /** How long this client, or anyone logging in as this user, must still wait (0: they may try now). */
    public long waitMillis(InetAddress client, String user) {
        return Math.max(addresses.waitMillis(key(client)), users.waitMillis(user));
    }

    /** Whose password check this is: a client or user that failed lately, an address that logged in lately, or new. */
    PasswordCheckSlots.Priority priority(InetAddress client, String user) {
        String address = key(client);
        if (addresses.hasFailures(address) || users.hasFailures(user)) {
            return PasswordCheckSlots.Priority.SUSPECT;
        }
        synchronized (known) {
            Long since = known.get(address);
            if (since != null && clock.getAsLong() - since < KNOWN_MILLIS) {
                return PasswordCheckSlots.Priority.KNOWN;
            }
        }
        return PasswordCheckSlots.Priority.NEW;
    }

    void failed(InetAddress client, String user, boolean userExists) {
        addresses.failed(key(client));
        if (userExists) {
            users.failed(user);
        }
    }

    void succeeded(InetAddress client, String user) {
        String address = key(client);
        addresses.reset(address);
        users.reset(user);
        synchronized (known) {
            known.put(address, clock.getAsLong());
            if (known.size() > MAX_KNOWN) {
                known.remove(known.keySet().iterator().next());
            }
        }
    }

    /** How many failing addresses and users are remembered (bounded by {@value #MAX_ADDRESSES} and {@value #MAX_USERS}). */
    int remembered() {
        return addresses.size() + users.size();
    }

    /** The address, or for IPv6 its /64. */
    static String key(InetAddress client) {
        if (client instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(client.getAddress(), 8);
            return "v6:" + Arrays.toString(prefix);
        }
        return client.getHostAddress();
    }
}
