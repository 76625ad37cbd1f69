package org.bwnetflow.connect.influx.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The small HTTP and port helpers the database fixtures share. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    /** A TCP port free on 127.0.0.1 right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET; the response whatever its status. */
    static HttpResponse<String> get(String uri) throws IOException {
        return get(uri, null);
    }

    /** GET with this {@code Authorization} header (none when null); the response whatever its status. */
    static HttpResponse<String> get(String uri, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** GET that must answer 2xx; returns the body. */
    static String getOk(String uri) {
        return getOk(uri, null);
    }

    /** GET with this {@code Authorization} header that must answer 2xx; returns the body. */
    static String getOk(String uri, String authorization) {
        try {
            HttpResponse<String> response = get(uri, authorization);
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed", e);
        }
    }

    /** True when GET {@code uri} answers 200 now. */
    static boolean answers(String uri) {
        return answers(uri, null);
    }

    /** True when GET {@code uri} with this {@code Authorization} header answers 200 now. */
    static boolean answers(String uri, String authorization) {
        try {
            return get(uri, authorization).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Ends a child process: SIGTERM, then SIGKILL after 20 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
