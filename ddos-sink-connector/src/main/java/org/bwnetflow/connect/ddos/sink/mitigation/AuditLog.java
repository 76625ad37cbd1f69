package org.bwnetflow.connect.ddos.sink.mitigation;

/** Where audit records go; {@link #record} returns once the record is stored (the topic acknowledged it). */
public interface AuditLog {

    /** Stores the record; a failure to store is an exception, and then the action it describes is not taken. */
    void record(AuditRecord entry);
}
