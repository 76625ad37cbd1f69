package org.bwnetflow.connect.dashboard.api;

import com.sun.net.httpserver.HttpServer;
import java.time.Duration;
import org.bwnetflow.connect.dashboard.auth.Sessions;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.query.TrafficStore;

/** Which handler answers which path. */
public final class Routes {

    private Routes() {
    }

    public static void install(HttpServer server, TrafficStore store, UsersFile users, Sessions sessions,
                               Duration sessionTtl) {
        Authenticator authenticator = new Authenticator(users, sessions);
        LoginHandler login = new LoginHandler(users, sessions, sessionTtl);
        server.createContext("/api/", new ApiHandler(store, authenticator));
        server.createContext("/auth/", login);
        server.createContext("/", new StaticHandler(authenticator));
    }
}
