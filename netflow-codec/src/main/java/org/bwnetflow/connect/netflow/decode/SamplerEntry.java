package org.bwnetflow.connect.netflow.decode;

/** The sampling rate options data announced for one sampler (selector) id. */
final class SamplerEntry extends BudgetEntry {

    final DomainState domain;
    final long samplerId;
    long rate;

    SamplerEntry(DomainState domain, long samplerId, long rate) {
        this.domain = domain;
        this.samplerId = samplerId;
        this.rate = rate;
    }

    @Override
    StateKind kind() {
        return StateKind.SAMPLER;
    }

    @Override
    void evict() {
        domain.removeSampler(samplerId);
    }
}
