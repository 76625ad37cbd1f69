package org.bwnetflow.connect.dashboard.query;

/** One bucket of a series: its start (Unix seconds) and the rates over it. */
public record Point(long epochSecond, double bitsPerSecond, double packetsPerSecond) {
}
