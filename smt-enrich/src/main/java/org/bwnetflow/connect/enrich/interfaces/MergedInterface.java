package org.bwnetflow.connect.enrich.interfaces;

/** Collects an interface's fields from sources in precedence order: the first source to know a field wins. */
public final class MergedInterface {

    private String name;
    private String description;
    private long speedMbps;

    /** Takes the fields still unknown from {@code info} (may be null); true once all three are known. */
    public boolean add(InterfaceInfo info) {
        if (info != null) {
            name = name != null ? name : info.name();
            description = description != null ? description : info.description();
            speedMbps = speedMbps != 0 ? speedMbps : info.speedMbps();
        }
        return name != null && description != null && speedMbps != 0;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long speedMbps() {
        return speedMbps;
    }
}
