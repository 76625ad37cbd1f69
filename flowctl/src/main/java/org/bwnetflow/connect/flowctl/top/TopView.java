package org.bwnetflow.connect.flowctl.top;

import java.io.Closeable;
import java.util.List;

/** Where frames go and keys come from: a full-screen terminal, or plain text on a pipe. */
interface TopView extends Closeable {

    /** No key was pressed. */
    int NO_KEY = -1;

    void show(List<String> frame);

    /** The next key pressed, without waiting; {@link #NO_KEY} when there is none. */
    int key();

    @Override
    void close();
}
