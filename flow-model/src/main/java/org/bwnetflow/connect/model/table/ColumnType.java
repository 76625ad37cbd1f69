package org.bwnetflow.connect.model.table;

/** The QuestDB type of a column of the raw flows table, and how a FlowMessage value is stored in it. */
public enum ColumnType {
    /** Microseconds since the epoch; the flow's value is Unix seconds. */
    TIMESTAMP("TIMESTAMP"),
    /** A few distinct texts (exporters, interface names, countries): QuestDB's interned SYMBOL. */
    SYMBOL("SYMBOL"),
    /** A whole number up to 2^32 (ports, interfaces, protocols, AS numbers, customer ids). */
    INT_VALUE("LONG"),
    /** A counter (bytes, packets). */
    COUNTER("LONG"),
    /** One half of a 128-bit address, see {@link AddressHalves}. */
    ADDRESS_HALF("LONG");

    private final String sqlType;

    ColumnType(String sqlType) {
        this.sqlType = sqlType;
    }

    /** The type in QuestDB's CREATE TABLE. */
    public String sqlType() {
        return sqlType;
    }
}
