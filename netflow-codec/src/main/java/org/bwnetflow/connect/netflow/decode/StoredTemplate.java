package org.bwnetflow.connect.netflow.decode;

/** A template as a domain keeps it: the layout and when the exporter last sent it. */
final class StoredTemplate extends BudgetEntry {

    final DomainState domain;
    Template template;
    long refreshedMillis;

    StoredTemplate(DomainState domain, Template template, long refreshedMillis) {
        this.domain = domain;
        this.template = template;
        this.refreshedMillis = refreshedMillis;
    }

    @Override
    StateKind kind() {
        return StateKind.TEMPLATE;
    }

    @Override
    void evict() {
        domain.removeTemplate(template.id());
    }
}
