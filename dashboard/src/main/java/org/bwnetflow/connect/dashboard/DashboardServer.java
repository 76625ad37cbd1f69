package org.bwnetflow.connect.dashboard;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.bwnetflow.connect.dashboard.api.Routes;
import org.bwnetflow.connect.dashboard.attacks.Attacks;
import org.bwnetflow.connect.dashboard.auth.Logins;
import org.bwnetflow.connect.dashboard.auth.Sessions;
import org.bwnetflow.connect.dashboard.auth.Users;
import org.bwnetflow.connect.dashboard.explore.Explorer;
import org.bwnetflow.connect.dashboard.explore.LanguageFilterTranslator;
import org.bwnetflow.connect.dashboard.query.LimitedStore;
import org.bwnetflow.connect.dashboard.query.QuerySlots;
import org.bwnetflow.connect.dashboard.query.TrafficStore;

/**
 * The dashboard's HTTP(S) server (the JDK's): the page, the login and the JSON API over one
 * store. Its limits are the JDK server's own ({@code sun.net.httpserver.*}, set here unless the
 * operator set them with -D): at most {@value #MAX_CONNECTIONS} connections (more are closed at
 * once), a request's headers and body read within {@value #REQUEST_READ_SECONDS} s and its answer
 * sent within {@value #RESPONSE_SECONDS} s (else the connection is closed), at most
 * {@value #MAX_HEADER_BYTES} bytes and {@value #MAX_HEADERS} lines of headers, answers sent at once
 * (TCP_NODELAY). The JDK server
 * reads a request on a thread of the executor, so there is a thread for each connection it
 * allows: a slow client holds its own thread, never another's. Work that costs memory or CPU
 * has slots of its own: {@value #QUERY_SLOTS} database queries at once, a password check per
 * core ({@link Logins}).
 *
 * <p>The JDK reads these properties once, when its server is first used in the JVM: a server
 * made earlier in the same JVM (by anything) keeps the JDK's defaults.
 */
public final class DashboardServer implements AutoCloseable {

    static final int MAX_CONNECTIONS = 128;
    static final int MAX_IDLE_CONNECTIONS = 64;
    static final int REQUEST_READ_SECONDS = 10;
    static final int RESPONSE_SECONDS = 60;
    static final int IDLE_SECONDS = 30;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    static final int MAX_HEADERS = 64;
    static final int QUERY_SLOTS = 4;
    static final Duration QUERY_SLOT_WAIT = Duration.ofSeconds(20);
    static final Duration SESSION_IDLE = Duration.ofMinutes(30);
    static final Duration SESSION_LIFETIME = Duration.ofHours(8);

    static {
        limit("sun.net.httpserver.maxConnections", MAX_CONNECTIONS);
        limit("sun.net.httpserver.maxIdleConnections", MAX_IDLE_CONNECTIONS);
        limit("sun.net.httpserver.maxReqTime", REQUEST_READ_SECONDS);
        limit("sun.net.httpserver.maxRspTime", RESPONSE_SECONDS);
        limit("sun.net.httpserver.idleInterval", IDLE_SECONDS);
        limit("sun.net.httpserver.maxReqHeaderSize", MAX_HEADER_BYTES);
        limit("sun.net.httpserver.maxReqHeaders", MAX_HEADERS);
        // Answers go out at once: with Nagle's algorithm, a kept-alive connection waited ~40 ms per answer.
        limit("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final boolean tls;

    private DashboardServer(HttpServer server, ThreadPoolExecutor executor, boolean tls) {
        this.server = server;
        this.executor = executor;
        this.tls = tls;
    }

    private static void limit(String property, int value) {
        limit(property, Integer.toString(value));
    }

    private static void limit(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Plain HTTP (on 127.0.0.1 this is what the local stack runs). */
    public static DashboardServer start(InetSocketAddress address, TrafficStore store, Users users) throws IOException {
        return start(address, store, users, null);
    }

    /** HTTPS with {@code tls} ({@link TlsContext}), or plain HTTP when null. */
    public static DashboardServer start(InetSocketAddress address, TrafficStore store, Users users, SSLContext tls)
            throws IOException {
        return start(address, store, null, users, tls);
    }

    /** With the explorer over the raw flows ({@code explorer} null: without). */
    public static DashboardServer start(InetSocketAddress address, TrafficStore store, Explorer explorer, Users users,
                                        SSLContext tls) throws IOException {
        return start(address, store, explorer, null, users, tls);
    }

    /** With the explorer and the DDoS attacks view ({@code explorer}, {@code attacks} null: without). */
    public static DashboardServer start(InetSocketAddress address, TrafficStore store, Explorer explorer, Attacks attacks,
                                        Users users, SSLContext tls) throws IOException {
        HttpServer server;
        if (tls == null) {
            server = HttpServer.create(address, MAX_CONNECTIONS);
        } else {
            HttpsServer https = HttpsServer.create(address, MAX_CONNECTIONS);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = tls.getDefaultSSLParameters();
                    parameters.setProtocols(TlsContext.PROTOCOLS);
                    params.setSSLParameters(parameters);
                }
            });
            server = https;
        }
        Sessions sessions = new Sessions(SESSION_IDLE.toMillis(), SESSION_LIFETIME.toMillis(), System::currentTimeMillis);
        QuerySlots slots = new QuerySlots(QUERY_SLOTS, QUERY_SLOT_WAIT.toMillis());
        Routes.install(server, new LimitedStore(store, slots), explorer, attacks, new LanguageFilterTranslator(), slots,
                new Logins(users, sessions, System::currentTimeMillis), tls != null);
        ThreadFactory daemons = runnable -> {
            Thread thread = new Thread(runnable, "dashboard-http");
            thread.setDaemon(true);
            return thread;
        };
        // A thread per allowed connection, made when needed and ended after a minute without work.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(MAX_CONNECTIONS, MAX_CONNECTIONS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemons);
        executor.allowCoreThreadTimeOut(true);
        server.setExecutor(executor);
        server.start();
        return new DashboardServer(server, executor, tls != null);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return (tls ? "https://" : "http://") + server.getAddress().getHostString() + ":" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
