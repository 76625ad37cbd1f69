package org.bwnetflow.connect.bmp.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The real gobgpd captures (captures/README.md), whole or message by message, and messages made from them. */
public final class Captures {

    public static final String LOC_RIB = "gobgp-3.10-locrib.bmp";
    public static final String PEER = "gobgp-3.10-peer.bmp";
    private static final int COMMON_HEADER = 6;
    private static final int PEER_HEADER = 42;

    private Captures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/captures/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The capture's BMP messages, each with its common header. */
    public static List<byte[]> messages(String name) {
        byte[] stream = bytes(name);
        List<byte[]> messages = new ArrayList<>();
        int at = 0;
        while (at < stream.length) {
            int length = (stream[at + 1] & 0xFF) << 24 | (stream[at + 2] & 0xFF) << 16 | (stream[at + 3] & 0xFF) << 8
                    | (stream[at + 4] & 0xFF);
            messages.add(Arrays.copyOfRange(stream, at, at + length));
            at += length;
        }
        return messages;
    }

    public static int type(byte[] message) {
        return message[5] & 0xFF;
    }

    /** Messages joined into one stream. */
    public static byte[] join(List<byte[]> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        messages.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * An End-of-RIB (RFC 4724: an UPDATE with no routes and no withdrawals) in a Route Monitoring
     * message with the per-peer header of {@code routeMonitoring}.
     */
    public static byte[] endOfRib(byte[] routeMonitoring) {
        byte[] update = new byte[23];
        Arrays.fill(update, 0, 16, (byte) 0xFF);
        update[17] = 23;
        update[18] = 2;
        int length = COMMON_HEADER + PEER_HEADER + update.length;
        byte[] message = new byte[length];
        System.arraycopy(routeMonitoring, 0, message, 0, COMMON_HEADER + PEER_HEADER);
        message[1] = 0;
        message[2] = 0;
        message[3] = (byte) (length >> 8);
        message[4] = (byte) length;
        System.arraycopy(update, 0, message, COMMON_HEADER + PEER_HEADER, update.length);
        return message;
    }
}
