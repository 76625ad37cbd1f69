package org.bwnetflow.connect.enrich.customer;

import java.util.Arrays;
import java.util.Locale;

/** How CustomerId decides which of a flow's addresses is the local (customer) one. */
public enum LocalAddressMode {
    /** bwNetFlow's border model: FlowDirection 0 (ingress) means DstAddr is local, 1 (egress) SrcAddr. */
    BORDER,
    /** Both addresses are looked up; the source's customer wins, else the destination's. */
    SOURCE_FIRST,
    /** The address found in the list is local; both found is internal traffic, neither is unmatched. */
    MEMBERSHIP;

    /** The config spelling: lower case with dashes. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LocalAddressMode fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public static String[] configNames() {
        return Arrays.stream(values()).map(LocalAddressMode::configName).toArray(String[]::new);
    }
}
