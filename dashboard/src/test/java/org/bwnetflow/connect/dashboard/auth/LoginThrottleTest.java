package org.bwnetflow.connect.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(5_000_000);
    private final LoginThrottle throttle = new LoginThrottle(now::get);

    @Test
    void anAddressWaitsAfterThreeFailuresOneSecondThenDoublingUpToFiveMinutes() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.7");
        throttle.failed(client, "nobody", false);
        throttle.failed(client, "nobody", false);
        assertThat(throttle.waitMillis(client, "nobody")).isZero();
        assertThat(throttle.priority(client, "nobody")).isEqualTo(PasswordCheckSlots.Priority.SUSPECT);
        long[] expected = {1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000};
        for (long wait : expected) {
            throttle.failed(client, "nobody", false);
            assertThat(throttle.waitMillis(client, "nobody")).isEqualTo(wait);
            assertThat(throttle.waitMillis(client, "someone-else")).as("per address, whichever user").isEqualTo(wait);
            now.addAndGet(wait);
        }
        assertThat(throttle.waitMillis(InetAddress.getByName("192.0.2.8"), "nobody")).as("another address").isZero();
        assertThat(throttle.priority(client, "acme")).as("whichever user").isEqualTo(PasswordCheckSlots.Priority.SUSPECT);
        throttle.succeeded(client, "nobody");
        assertThat(throttle.priority(client, "nobody")).as("logged in: known").isEqualTo(PasswordCheckSlots.Priority.KNOWN);
        assertThat(throttle.priority(InetAddress.getByName("192.0.2.9"), "nobody")).isEqualTo(PasswordCheckSlots.Priority.NEW);
        now.addAndGet(LoginThrottle.KNOWN_MILLIS);
        assertThat(throttle.priority(client, "nobody")).as("a week later").isEqualTo(PasswordCheckSlots.Priority.NEW);
    }

    @Test
    void aUserWaitsAfterFiveFailuresFromAnywhereAndOnlyIfItExists() throws Exception {
        for (int i = 1; i <= 5; i++) {
            throttle.failed(InetAddress.getByName("192.0.2." + i), "acme", true);
            throttle.failed(InetAddress.getByName("192.0.2." + i), "nobody", false);
        }
        InetAddress fresh = InetAddress.getByName("198.51.100.1");
        assertThat(throttle.waitMillis(fresh, "acme")).isEqualTo(1000);
        assertThat(throttle.waitMillis(fresh, "nobody")).as("a user that does not exist is not counted").isZero();
    }

    @Test
    void failuresAreForgottenAfterAQuarterOfAnHourWithoutOne() throws Exception {
        InetAddress client = InetAddress.getByName("192.0.2.7");
        for (int i = 0; i < 4; i++) {
            throttle.failed(client, "acme", true);
        }
        now.addAndGet(LoginThrottle.FORGET_MILLIS);
        assertThat(throttle.priority(client, "acme")).isEqualTo(PasswordCheckSlots.Priority.NEW);
        assertThat(throttle.remembered()).isZero();
    }

    /** A flood from more addresses than it keeps (IPv6 /64s) leaves the map at its bound. */
    @Test
    void theMapStaysBoundedUnderAFloodOfAddresses() throws Exception {
        for (int i = 0; i < LoginThrottle.MAX_ADDRESSES + 5_000; i++) {
            throttle.failed(InetAddress.getByName("2001:db8:" + Integer.toHexString(i >> 16) + ":" + Integer.toHexString(i & 0xffff)
                    + "::1"), "user-" + i, false);
        }
        assertThat(throttle.remembered()).isEqualTo(LoginThrottle.MAX_ADDRESSES);
        InetAddress a = InetAddress.getByName("2001:db8:1:2::1");
        InetAddress b = InetAddress.getByName("2001:db8:1:2:ffff::9");
        assertThat(LoginThrottle.key(a)).as("one /64").isEqualTo(LoginThrottle.key(b));
    }
}
