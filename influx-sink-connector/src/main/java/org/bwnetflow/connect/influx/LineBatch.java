package org.bwnetflow.connect.influx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bwnetflow.connect.influx.aggregate.Point;

/** The lines of one write, by bucket, rendered in the write precision; counts window and health points apart. */
final class LineBatch {

    private final TimeUnit precision;
    private final Map<String, List<String>> linesByBucket = new LinkedHashMap<>();
    private int windowPoints;
    private int healthPoints;

    LineBatch(TimeUnit precision) {
        this.precision = precision;
    }

    void addWindowPoint(String bucket, Point point) {
        add(bucket, point);
        windowPoints++;
    }

    void addHealthPoint(String bucket, Point point) {
        add(bucket, point);
        healthPoints++;
    }

    private void add(String bucket, Point point) {
        linesByBucket.computeIfAbsent(bucket, b -> new ArrayList<>()).add(point.toLineProtocol(precision));
    }

    Map<String, List<String>> linesByBucket() {
        return linesByBucket;
    }

    int windowPoints() {
        return windowPoints;
    }

    int healthPoints() {
        return healthPoints;
    }

    boolean isEmpty() {
        return windowPoints + healthPoints == 0;
    }
}
