package org.bwnetflow.connect.enrich.customer;

import java.nio.file.Path;

/** A prefix list that cannot be used; the message names the file, the line and why. */
public final class PrefixListException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;

    public PrefixListException(Path file, int line, String reason) {
        super(file + " line " + line + ": " + reason);
        this.line = line;
    }

    /** The 1-based line number of the first bad line. */
    public int line() {
        return line;
    }
}
