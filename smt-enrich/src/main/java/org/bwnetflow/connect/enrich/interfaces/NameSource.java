package org.bwnetflow.connect.enrich.interfaces;

import java.util.Locale;

/** Where InterfaceNames takes a name, description or speed from. */
public enum NameSource {
    /** What the flow carries already (the source fills it from exporters' interface option tables). */
    FLOW,
    /** The static mapping file. */
    STATIC,
    /** SNMP queries to the exporter. */
    SNMP;

    public static NameSource fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
