package org.bwnetflow.connect.dashboard.query;

import java.util.List;

/** The buckets of one key (a tag value, or "total"), every bucket of the range present. */
public record Series(String key, List<Point> points) {
}
