package org.bwnetflow.connect.dashboard.api;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import org.bwnetflow.connect.dashboard.attacks.Attacks;
import org.bwnetflow.connect.dashboard.auth.Logins;
import org.bwnetflow.connect.dashboard.explore.Explorer;
import org.bwnetflow.connect.dashboard.explore.FilterTranslator;
import org.bwnetflow.connect.dashboard.query.QuerySlots;
import org.bwnetflow.connect.dashboard.query.TrafficStore;

/** Which handler answers which path; every answer with the {@link SecurityHeaders}. */
public final class Routes {

    private Routes() {
    }

    /**
     * {@code tls}: the server speaks HTTPS (Secure cookies, HSTS); {@code explorer} null: no explorer;
     * {@code attacks} null: no attacks view; {@code slots}: the database's query slots, which the explorer
     * and the attacks view share with the store.
     */
    public static void install(HttpServer server, TrafficStore store, Explorer explorer, Attacks attacks,
                               FilterTranslator translator, QuerySlots slots, Logins logins, boolean tls) {
        Authenticator authenticator = new Authenticator(logins);
        SecurityHeaders headers = new SecurityHeaders(tls);
        for (HttpContext context : new HttpContext[] {
            server.createContext("/api/", new ApiHandler(store, new ExploreApi(explorer, translator, slots),
                    new AttacksApi(attacks, slots), authenticator)),
            server.createContext("/auth/", new LoginHandler(logins, tls)),
            server.createContext("/", new StaticHandler(authenticator))}) {
            context.getFilters().add(headers);
        }
    }
}
