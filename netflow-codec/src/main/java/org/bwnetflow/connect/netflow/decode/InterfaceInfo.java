package org.bwnetflow.connect.netflow.decode;

/**
 * Name and description of one interface, as an exporter's options data announced them; each is
 * at most {@link #MAX_TEXT_LENGTH} characters (longer ones are cut), null when not announced.
 */
public record InterfaceInfo(String name, String description) {

    /** ifName and ifAlias are at most 64 characters (IF-MIB), ifDescr 255; enough for real names. */
    public static final int MAX_TEXT_LENGTH = 128;

    public InterfaceInfo {
        name = cap(name);
        description = cap(description);
    }

    private static String cap(String text) {
        return text == null || text.length() <= MAX_TEXT_LENGTH ? text : text.substring(0, MAX_TEXT_LENGTH);
    }
}
