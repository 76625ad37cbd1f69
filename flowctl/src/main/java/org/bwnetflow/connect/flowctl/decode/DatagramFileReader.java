package org.bwnetflow.connect.flowctl.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;

/** Splits a file of raw NetFlow/IPFIX datagrams written back to back into single datagrams. */
public final class DatagramFileReader {

    private DatagramFileReader() {
    }

    public static List<byte[]> split(byte[] file) {
        List<byte[]> datagrams = new ArrayList<>();
        int pos = 0;
        while (pos < file.length) {
            int length = NetFlowDecoder.datagramLength(file, pos, file.length - pos);
            if (length <= 0) {
                length = file.length - pos; // no datagram boundary found: the decoder reports what the rest is
            }
            datagrams.add(Arrays.copyOfRange(file, pos, pos + length));
            pos += length;
        }
        return datagrams;
    }
}
