package org.bwnetflow.connect.influx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.influx.aggregate.Point;

/**
 * The lines of one write, by bucket, rendered in the write precision, and for each thing that
 * gave points (a segment, an early window, a partition's health points) the buckets its points
 * went to: it is written once all of those were.
 */
final class WriteBatch {

    private final TimeUnit precision;
    private final Map<String, List<String>> linesByBucket = new LinkedHashMap<>();
    private final Map<Object, Set<String>> bucketsBySource = new LinkedHashMap<>();
    private int windowPoints;
    private int healthPoints;

    WriteBatch(TimeUnit precision) {
        this.precision = precision;
    }

    /** Notes a source of points, even one without any (it is then written at once). */
    void source(Object source) {
        bucketsBySource.computeIfAbsent(source, s -> new HashSet<>());
    }

    void addWindowPoint(Object source, String bucket, Point point) {
        add(source, bucket, point);
        windowPoints++;
    }

    void addHealthPoint(Object source, String bucket, Point point) {
        add(source, bucket, point);
        healthPoints++;
    }

    private void add(Object source, String bucket, Point point) {
        linesByBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(point.toLineProtocol(precision));
        bucketsBySource.computeIfAbsent(source, s -> new HashSet<>()).add(bucket);
    }

    Map<String, List<String>> linesByBucket() {
        return linesByBucket;
    }

    /** The sources whose every bucket is among the written ones. */
    List<Object> writtenSources(Set<String> writtenBuckets) {
        List<Object> written = new ArrayList<>();
        bucketsBySource.forEach((source, buckets) -> {
            if (writtenBuckets.containsAll(buckets)) {
                written.add(source);
            }
        });
        return written;
    }

    /** Window points per bucket, for the counters. */
    int windowPoints(String bucket) {
        return linesByBucket.getOrDefault(bucket, List.of()).size();
    }

    int windowPoints() {
        return windowPoints;
    }

    int healthPoints() {
        return healthPoints;
    }

    boolean isEmpty() {
        return bucketsBySource.isEmpty();
    }
}
