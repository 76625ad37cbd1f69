package org.bwnetflow.connect.bmp.decode;

/**
 * Cuts a BMP session's TCP byte stream into messages by their common header (RFC 7854 section
 * 4.1: version 3, a 4-byte length that counts the header, a type). A length beyond
 * {@code maxMessageBytes} is refused before anything is buffered for it, so a session cannot make
 * the task hold more than that per message.
 */
public final class BmpFraming {

    /** Bytes of the common header: version, length, type. */
    public static final int COMMON_HEADER = 6;
    static final int VERSION = 3;

    private final int maxMessageBytes;

    public BmpFraming(int maxMessageBytes) {
        if (maxMessageBytes < COMMON_HEADER) {
            throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * The length of the message starting at {@code offset}, once {@code available} bytes hold its
     * whole common header; -1 while they do not.
     *
     * @throws MalformedBmpException on another version, a length shorter than the header, or one over the bound
     */
    public int messageLength(byte[] buffer, int offset, int available) throws MalformedBmpException {
        if (available < COMMON_HEADER) {
            return -1;
        }
        int version = buffer[offset] & 0xFF;
        if (version != VERSION) {
            throw new MalformedBmpException("BMP version " + version + ", only version 3 is spoken");
        }
        long length = Bytes.uint32(buffer, offset + 1);
        if (length < COMMON_HEADER) {
            throw new MalformedBmpException("BMP message length " + length + " is shorter than its header");
        }
        if (length > maxMessageBytes) {
            throw new MalformedBmpException("BMP message length " + length + " is over the bound of " + maxMessageBytes
                    + " bytes");
        }
        return (int) length;
    }

    /** The type code of the message at {@code offset} (its header already checked by {@link #messageLength}). */
    public static int typeCode(byte[] buffer, int offset) {
        return buffer[offset + 5] & 0xFF;
    }
}
