package org.bwnetflow.connect.dashboard.query;

/** What one key (a tag value, or "total") counted over the whole range. */
public record Total(String key, long bytes, long packets, long flows) {
}
