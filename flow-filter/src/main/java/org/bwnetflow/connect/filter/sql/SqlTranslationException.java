package org.bwnetflow.connect.filter.sql;

/** A filter that has no SQL on the raw flows table: it reads a field the table does not store, or stores differently. */
public final class SqlTranslationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public SqlTranslationException(String message) {
        super(message);
    }
}
