package org.bwnetflow.connect.ddos.sink.mitigation;

import java.util.Collection;

/**
 * Where the routes held are kept so that a restarted task knows them (the state topic). Each call returns
 * once the change is stored: a route is recorded before it is announced and forgotten only after it is withdrawn.
 */
public interface LedgerStore {

    /** The entries stored, as a restarted task finds them. */
    Collection<LedgerEntry> load();

    void put(LedgerEntry entry);

    void remove(String routeKey);
}
