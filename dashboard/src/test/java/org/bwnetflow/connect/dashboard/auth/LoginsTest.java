package org.bwnetflow.connect.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginsTest {

    @TempDir
    Path dir;

    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    /**
     * A password changed in the users file: cached Basic credentials and sessions made with the
     * old one end within the second the file is looked at again; the new password works.
     */
    @Test
    void aNewPasswordInTheUsersFileEndsCachedCredentialsAndSessions() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, UsersFile.line("acme", 1000L, "old-pw".toCharArray()) + "\n");
        Logins logins = new Logins(new LiveUsersFile(file), new Sessions(60_000, 600_000, System::currentTimeMillis),
                System::currentTimeMillis);
        assertThat(logins.attempt(CLIENT, "acme", "old-pw".toCharArray(), true)).isInstanceOf(Logins.Granted.class);
        Principal acme = ((Logins.Granted) logins.attempt(CLIENT, "acme", "old-pw".toCharArray(), true)).principal();
        String session = logins.openSession(acme);
        assertThat(logins.session(session)).contains(acme);

        Files.writeString(file, UsersFile.line("acme", 1000L, "new-pw".toCharArray()) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        Thread.sleep(1100);
        assertThat(logins.attempt(CLIENT, "acme", "old-pw".toCharArray(), true)).isInstanceOf(Logins.Refused.class);
        assertThat(logins.session(session)).as("the session of the old password").isEmpty();
        assertThat(logins.attempt(CLIENT, "acme", "new-pw".toCharArray(), true)).isInstanceOf(Logins.Granted.class);
    }

    @Test
    void aRemovedUserIsLoggedOut() throws Exception {
        Path file = dir.resolve("users");
        Files.writeString(file, UsersFile.line("acme", 1000L, "pw".toCharArray()) + "\n"
                + UsersFile.line("noc", null, "pw".toCharArray()) + "\n");
        Logins logins = new Logins(new LiveUsersFile(file), new Sessions(60_000, 600_000, System::currentTimeMillis),
                System::currentTimeMillis);
        String session = logins.openSession(new Principal("acme", 1000L));
        assertThat(logins.session(session)).isPresent();
        Files.writeString(file, UsersFile.line("noc", null, "pw".toCharArray()) + "\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
        Thread.sleep(1100);
        assertThat(logins.session(session)).isEmpty();
        assertThat(logins.attempt(CLIENT, "acme", "pw".toCharArray(), true)).isInstanceOf(Logins.Refused.class);
    }

    /**
     * With every shared password check slot taken, a client with recent failures is told to wait
     * at once (it holds no thread), a new client waits for a slot and is checked, and a client
     * that logged in before is checked at once in the slot kept for it.
     */
    @Test
    void aKnownClientGoesFirstANewOneWaitsASuspectNeverWaits() throws Exception {
        PasswordCheckSlots slots = new PasswordCheckSlots(2, 5000);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch taken = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        threads.submit(() -> slots.run(PasswordCheckSlots.Priority.NEW, () -> {
            taken.countDown();
            await(release);
            return "held";
        }));
        assertThat(taken.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(slots.run(PasswordCheckSlots.Priority.SUSPECT, () -> "suspect")).isEmpty();
        Future<Optional<String>> fresh = threads.submit(() -> slots.run(PasswordCheckSlots.Priority.NEW, () -> "new"));
        Thread.sleep(200);
        assertThat(fresh.isDone()).as("a new client waits").isFalse();
        assertThat(slots.run(PasswordCheckSlots.Priority.KNOWN, () -> "known")).contains("known");
        release.countDown();
        assertThat(fresh.get(5, TimeUnit.SECONDS)).contains("new");
        threads.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
