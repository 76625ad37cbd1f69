package org.bwnetflow.connect.rawflows.encode;

/** For tests elsewhere: a line of any text in a {@link LineBuffer}, e.g. one QuestDB refuses. */
public final class RawLines {

    private RawLines() {
    }

    /** Appends {@code text} (which ends with a newline) as one line. */
    public static void append(LineBuffer buffer, String text) {
        buffer.beginLine();
        buffer.put(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        buffer.endLine();
    }
}
