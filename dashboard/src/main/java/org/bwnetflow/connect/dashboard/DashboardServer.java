package org.bwnetflow.connect.dashboard;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.bwnetflow.connect.dashboard.api.Routes;
import org.bwnetflow.connect.dashboard.auth.Sessions;
import org.bwnetflow.connect.dashboard.auth.UsersFile;
import org.bwnetflow.connect.dashboard.query.TrafficStore;

/** The dashboard's HTTP server (the JDK's): the page, the login and the JSON API over one store. */
public final class DashboardServer implements AutoCloseable {

    private static final Duration SESSION_TTL = Duration.ofHours(8);

    private final HttpServer server;
    private final ExecutorService executor;

    private DashboardServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static DashboardServer start(InetSocketAddress address, TrafficStore store, UsersFile users)
            throws IOException {
        HttpServer server = HttpServer.create(address, 64);
        Routes.install(server, store, users, new Sessions(SESSION_TTL.toMillis()), SESSION_TTL);
        ThreadFactory daemons = runnable -> {
            Thread thread = new Thread(runnable, "dashboard-http");
            thread.setDaemon(true);
            return thread;
        };
        ExecutorService executor = Executors.newFixedThreadPool(8, daemons);
        server.setExecutor(executor);
        server.start();
        return new DashboardServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
