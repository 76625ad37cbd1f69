package org.bwnetflow.connect.netflow.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits bytes holding several NetFlow/IPFIX datagrams back to back (as capture files do) into datagrams. */
public final class DatagramSplitter {

    private DatagramSplitter() {
    }

    /** The datagrams in order; a rest where no datagram starts is returned whole, for the decoder to judge. */
    public static List<byte[]> split(byte[] bytes) {
        List<byte[]> datagrams = new ArrayList<>();
        int pos = 0;
        while (pos < bytes.length) {
            int length = NetFlowDecoder.datagramLength(bytes, pos, bytes.length - pos);
            if (length <= 0) {
                length = bytes.length - pos;
            }
            datagrams.add(Arrays.copyOfRange(bytes, pos, pos + length));
            pos += length;
        }
        return datagrams;
    }
}
