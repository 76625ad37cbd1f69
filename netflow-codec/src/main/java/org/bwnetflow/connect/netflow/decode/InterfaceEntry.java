package org.bwnetflow.connect.netflow.decode;

/** One row of an exporter's interface table (from options data): ifIndex to name and description. */
final class InterfaceEntry extends BudgetEntry {

    final DomainState domain;
    final long ifIndex;
    InterfaceInfo info;

    InterfaceEntry(DomainState domain, long ifIndex, InterfaceInfo info) {
        this.domain = domain;
        this.ifIndex = ifIndex;
        this.info = info;
    }

    @Override
    StateKind kind() {
        return StateKind.INTERFACE;
    }

    @Override
    void evict() {
        domain.removeInterface(ifIndex);
    }
}
