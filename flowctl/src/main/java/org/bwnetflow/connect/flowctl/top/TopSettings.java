package org.bwnetflow.connect.flowctl.top;

import java.util.List;

/** What the viewer chose: sort key, window length and rows per list; keys change the first two. */
final class TopSettings {

    /** The windows + and - step through, in seconds. */
    static final List<Integer> WINDOWS = List.of(5, 10, 30, 60, 120, 300);

    private SortKey sort;
    private int windowSeconds;
    private final int rows;

    TopSettings(SortKey sort, int windowSeconds, int rows) {
        this.sort = sort;
        this.windowSeconds = windowSeconds;
        this.rows = rows;
    }

    SortKey sort() {
        return sort;
    }

    int windowSeconds() {
        return windowSeconds;
    }

    int rows() {
        return rows;
    }

    /** Applies a key press; true if it changed the view (q is handled by the caller). */
    boolean press(int key) {
        for (SortKey candidate : SortKey.values()) {
            if (key == candidate.key() || key == Character.toUpperCase(candidate.key())) {
                boolean changed = sort != candidate;
                sort = candidate;
                return changed;
            }
        }
        if (key == '+' || key == '=') {
            return step(1);
        }
        if (key == '-' || key == '_') {
            return step(-1);
        }
        return false;
    }

    /** Moves to the next longer or shorter of the standard windows. */
    private boolean step(int direction) {
        int next = windowSeconds;
        if (direction > 0) {
            next = WINDOWS.stream().filter(w -> w > windowSeconds).findFirst().orElse(windowSeconds);
        } else {
            for (int w : WINDOWS) {
                if (w < windowSeconds) {
                    next = w;
                }
            }
        }
        boolean changed = next != windowSeconds;
        windowSeconds = next;
        return changed;
    }
}
