package org.bwnetflow.connect.dashboard.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket bound to a chosen local address: Linux routes all of 127.0.0.0/8
 * to this host, so a test can be many clients (127.0.0.x) at once, which the JDK's HttpClient
 * cannot. One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The answer's status line code, headers (as sent) and body. */
    public record Answer(int status, String head, String body) {

        /** The value of a header (the first of that name), or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** GET with HTTP Basic credentials, from {@code from} to 127.0.0.1:{@code port}. */
    public static Answer basicGet(InetAddress from, int port, String path, String user, String password, Duration timeout)
            throws IOException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(from, port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + credentials
                + "\r\nConnection: close\r\n\r\n", timeout);
    }

    /** The login form's POST, from {@code from}. */
    public static Answer formLogin(InetAddress from, int port, String user, String password, Duration timeout)
            throws IOException {
        String form = "user=" + user + "&password=" + password;
        return send(from, port, "POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + form.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + form, timeout);
    }

    /** Sends the request bytes and reads the answer until the server closes; a timeout or reset throws. */
    public static Answer send(InetAddress from, int port, String request, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int end = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.") || end < 0) {
                throw new IOException("no HTTP answer: '" + answer + "'");
            }
            int status = Integer.parseInt(answer.substring(9, 12));
            return new Answer(status, answer.substring(0, end), answer.substring(end + 4));
        }
    }

    /** 127.0.0.{@code n}: the n-th client. */
    public static InetAddress loopback(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (n >> 8), (byte) n});
        } catch (IOException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "127.0.%d.%d", n >> 8, n & 255), e);
        }
    }
}
