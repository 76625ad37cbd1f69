package org.bwnetflow.connect.netflow.decode;

/**
 * One piece of decoder state charged to the {@link StateBudget}: its bytes, and its place in
 * the budget's least-recently-used order (an intrusive list: no node objects per entry).
 */
abstract class BudgetEntry {

    static final byte DETACHED = 0;
    static final byte PROBATION = 1;
    static final byte PROVEN = 2;

    BudgetEntry newer;
    BudgetEntry older;
    long chargedBytes;
    byte segment = DETACHED;
    /** Once proven, always reported: the source may have saved this entry and must forget it too. */
    boolean everProven;

    abstract StateKind kind();

    /** The budget evicts this entry: the owner drops it and everything it holds, releasing each. */
    abstract void evict();

    final boolean isAttached() {
        return segment != DETACHED;
    }

    final boolean isProven() {
        return segment == PROVEN;
    }
}
