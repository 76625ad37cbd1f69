package org.bwnetflow.connect.reduce.anonymize;

/** Maps an address to its anonymised form. Implementations need not be thread-safe. */
public interface AddressAnonymizer {

    /**
     * The anonymised form of a 4-byte (IPv4) or 16-byte (IPv6) address as a new array; the argument
     * is never modified (flows may share it).
     *
     * @throws IllegalArgumentException for any other length
     */
    byte[] anonymize(byte[] address);
}
