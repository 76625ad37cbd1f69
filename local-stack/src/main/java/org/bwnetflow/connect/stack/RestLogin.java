package org.bwnetflow.connect.stack;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** A user and password for Connect's REST API (HTTP Basic). {@link #toString} never shows the password. */
public final class RestLogin {

    private final String user;
    private final String password;

    public RestLogin(String user, String password) {
        this.user = Objects.requireNonNull(user, "user");
        this.password = Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a REST user name is not empty and has no ':'");
        }
    }

    public String user() {
        return user;
    }

    /** The password itself: for the Authorization header and for tests that look for it; never log it. */
    public String password() {
        return password;
    }

    /** The value of the {@code Authorization} header. */
    String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "RestLogin[user=" + user + ", password=[hidden]]";
    }
}
