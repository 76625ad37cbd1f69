package org.bwnetflow.connect.flowctl.top;

import java.io.PrintWriter;
import java.util.List;

/** Frames as plain text, one after another with a blank line between, for pipes and logs. */
final class PlainView implements TopView {

    private final PrintWriter out;

    PlainView(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void show(List<String> frame) {
        frame.forEach(out::println);
        out.println();
        out.flush();
    }

    @Override
    public int key() {
        return NO_KEY;
    }

    @Override
    public void close() {
        out.flush();
    }
}
