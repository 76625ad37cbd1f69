package org.bwnetflow.connect.bmp.rib;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address bytes as text for messages and logs. */
final class Addresses {

    private Addresses() {
    }

    static String text(byte[] address) {
        if (address == null || address.length == 0) {
            return "-";
        }
        try {
            return InetAddress.getByAddress(address).getHostAddress();
        } catch (UnknownHostException e) {
            return address.length + " bytes";
        }
    }
}
