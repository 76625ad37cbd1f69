package org.bwnetflow.connect.netflow.source;

import java.net.InetAddress;

/** One received UDP payload, its sender and when it arrived. */
public record Datagram(byte[] data, InetAddress sender, long receivedMillis) {
}
