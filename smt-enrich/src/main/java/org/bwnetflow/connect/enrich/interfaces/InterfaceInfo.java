package org.bwnetflow.connect.enrich.interfaces;

/** What is known of an interface: name, description and speed in Mbit/s (null or 0 when unknown). */
public final class InterfaceInfo {

    private final String name;
    private final String description;
    private final long speedMbps;

    public InterfaceInfo(String name, String description, long speedMbps) {
        this.name = name == null || name.isEmpty() ? null : name;
        this.description = description == null || description.isEmpty() ? null : description;
        this.speedMbps = speedMbps;
    }

    /** ifName, or null. */
    public String name() {
        return name;
    }

    /** ifAlias (after the description regex), or null. */
    public String description() {
        return description;
    }

    /** ifHighSpeed in Mbit/s, or 0. */
    public long speedMbps() {
        return speedMbps;
    }

    public boolean isEmpty() {
        return name == null && description == null && speedMbps == 0;
    }
}
