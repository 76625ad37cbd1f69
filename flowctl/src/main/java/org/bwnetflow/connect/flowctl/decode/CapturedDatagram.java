package org.bwnetflow.connect.flowctl.decode;

import java.net.InetAddress;

/** A UDP payload from a file: who sent it (the exporter) and when it was captured. */
public record CapturedDatagram(InetAddress sender, int destinationPort, byte[] payload, long capturedMillis) {
}
