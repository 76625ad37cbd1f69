package org.bwnetflow.connect.bmp.decode;

import java.util.Arrays;

/**
 * A route's prefix: its first address (4 or 16 bytes, host bits zero), its length, and its
 * ADD-PATH path identifier (RFC 7911; 0 where the session does not use ADD-PATH).
 */
public record Prefix(byte[] address, int length, long pathId) {

    public boolean ipv6() {
        return address.length == 16;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Prefix p && length == p.length && pathId == p.pathId && Arrays.equals(address, p.address);
    }

    @Override
    public int hashCode() {
        return (Arrays.hashCode(address) * 31 + length) * 31 + Long.hashCode(pathId);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (address.length == 4) {
            for (int i = 0; i < 4; i++) {
                sb.append(i == 0 ? "" : ".").append(address[i] & 0xFF);
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                sb.append(i == 0 ? "" : ":").append(Integer.toHexString(Bytes.uint16(address, i)));
            }
        }
        return sb.append('/').append(length).append(pathId == 0 ? "" : " path " + pathId).toString();
    }
}
