package org.bwnetflow.connect.filter;

import org.bwnetflow.connect.model.FlowField;

/** What a number in the filter stands for: how an error names it, its largest value, which words it may be. */
record NumberKind(String description, long max, boolean protocolNames, boolean communities, boolean booleans) {

    static final long UINT32_MAX = 0xFFFF_FFFFL;

    static final NumberKind PORT = simple("a port number", 65535);
    static final NumberKind AS = simple("an AS number", UINT32_MAX);
    static final NumberKind PROTOCOL = new NumberKind("a protocol name or number", 255, true, false, false);
    static final NumberKind INTERFACE = simple("an interface index", UINT32_MAX);
    static final NumberKind CUSTOMER = simple("a customer id", UINT32_MAX);
    static final NumberKind COUNT = simple("a number", Long.MAX_VALUE);

    static NumberKind simple(String description, long max) {
        return new NumberKind(description, max, false, false, false);
    }

    /** The numbers a field of the FlowMessage holds. */
    static NumberKind of(FlowField field) {
        switch (field.wireType()) {
            case UINT64:
                return simple("a number", Long.MAX_VALUE);
            case ENUM:
                return simple("a number", Integer.MAX_VALUE);
            case BOOL:
                return new NumberKind("true, false, 1 or 0", 1, false, false, true);
            default:
                boolean communities = field == FlowField.DST_COMMUNITIES || field == FlowField.SRC_COMMUNITIES;
                return new NumberKind(communities ? "a community (AS:value or a number)" : "a number", UINT32_MAX, false,
                        communities, false);
        }
    }
}
