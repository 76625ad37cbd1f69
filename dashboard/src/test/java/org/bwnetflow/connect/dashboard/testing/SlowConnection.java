package org.bwnetflow.connect.dashboard.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A client that never finishes its request (slowloris): it sends a request line, then one more
 * header line every second, forever, until the server closes the connection or {@link #close()}.
 * {@link #closedByServerAfter()} says how long the server put up with it.
 */
public final class SlowConnection implements AutoCloseable {

    private final Socket socket = new Socket();
    private final Thread trickle;
    private final long openedNanos = System.nanoTime();
    private volatile long closedByServerNanos = -1;
    private volatile boolean closing;

    public SlowConnection(InetAddress from, int port) throws IOException {
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        trickle = new Thread(this::trickle, "slow-connection");
        trickle.setDaemon(true);
        trickle.start();
    }

    private void trickle() {
        try {
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; !closing; i++) {
                Thread.sleep(1000);
                out.write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoTimeout(1);
                try {
                    if (socket.getInputStream().read() < 0) {
                        break; // the server closed it
                    }
                } catch (java.net.SocketTimeoutException stillOpen) {
                    continue;
                }
            }
        } catch (IOException e) {
            // reset or closed by the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!closing) {
            closedByServerNanos = System.nanoTime();
        }
    }

    /** How long the server kept it open, or null while it still does. */
    public Duration closedByServerAfter() {
        long closed = closedByServerNanos;
        return closed < 0 ? null : Duration.ofNanos(closed - openedNanos);
    }

    @Override
    public void close() throws IOException {
        closing = true;
        trickle.interrupt();
        socket.close();
    }
}
