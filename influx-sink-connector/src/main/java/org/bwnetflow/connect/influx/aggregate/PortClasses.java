package org.bwnetflow.connect.influx.aggregate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Port classes for the {@code application} tag: a table of well-known ports, each in one named
 * class, parsed from {@code www=80,443;ssh=22;...}. A flow's class is the class of whichever of
 * its two ports is in the table; when both are, the lower port's; when neither, {@code other}.
 */
public final class PortClasses {

    /** The class of flows whose ports are both outside the table (and of folded values). */
    public static final String OTHER = "other";

    public static final String DEFAULT = "www=80,443;ssh=22;dns=53;smtp=25,465;pop3=110,995;imap=143,993";

    private static final Pattern CLASS_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");
    private static final int PORTS = 65_536;

    private final List<String> names;
    /** Port → class index + 1; 0 is "not in the table". */
    private final byte[] classOfPort;
    private final String text;

    private PortClasses(List<String> names, byte[] classOfPort, String text) {
        this.names = names;
        this.classOfPort = classOfPort;
        this.text = text;
    }

    /**
     * Parses {@code name=port,port;name=port...}; names are lower-case letters, digits, '_', '.',
     * '-' ({@code other} is reserved), ports 1-65535, each port in at most one class, at most 100
     * classes. Empty means no classes (every flow is {@code other}).
     *
     * @throws IllegalArgumentException with a message saying what is wrong
     */
    public static PortClasses parse(String spec) {
        List<String> names = new ArrayList<>();
        byte[] classOfPort = new byte[PORTS];
        String trimmed = spec == null ? "" : spec.trim();
        if (!trimmed.isEmpty()) {
            for (String entry : trimmed.split(";")) {
                parseClass(entry.trim(), names, classOfPort);
            }
        }
        return new PortClasses(Collections.unmodifiableList(names), classOfPort, trimmed);
    }

    private static void parseClass(String entry, List<String> names, byte[] classOfPort) {
        int eq = entry.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("'" + entry + "' is not name=port[,port...]");
        }
        String name = entry.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        if (!CLASS_NAME.matcher(name).matches() || name.equals(OTHER)) {
            throw new IllegalArgumentException("class name '" + name + "' must be lower-case letters, digits, '_', '.', '-' "
                    + "and not '" + OTHER + "'");
        }
        if (names.contains(name)) {
            throw new IllegalArgumentException("class '" + name + "' is given twice (list all its ports in one entry)");
        }
        if (names.size() == 100) {
            throw new IllegalArgumentException("more than 100 classes");
        }
        names.add(name);
        String ports = entry.substring(eq + 1).trim();
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("class '" + name + "' has no ports");
        }
        for (String port : ports.split(",")) {
            int number = port(name, port.trim());
            if (classOfPort[number] != 0) {
                throw new IllegalArgumentException("port " + number + " is in class '" + names.get(classOfPort[number] - 1)
                        + "' and '" + name + "'");
            }
            classOfPort[number] = (byte) names.size();
        }
    }

    private static int port(String name, String port) {
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 1 || number >= PORTS) {
            throw new IllegalArgumentException("port '" + port + "' of class '" + name + "' is not a number in 1-65535");
        }
        return number;
    }

    /** The class names in table order; index {@link #size()} is {@code other}. */
    public List<String> names() {
        return names;
    }

    public int size() {
        return names.size();
    }

    /** The class index of a flow's ports: 0..size()-1, or size() for {@code other}. */
    public int classify(long srcPort, long dstPort) {
        int src = classOf(srcPort);
        int dst = classOf(dstPort);
        if (src != 0 && (dst == 0 || srcPort <= dstPort)) {
            return src - 1;
        }
        return dst != 0 ? dst - 1 : names.size();
    }

    /** The name of a class index from {@link #classify}. */
    public String name(int index) {
        return index < names.size() ? names.get(index) : OTHER;
    }

    private int classOf(long port) {
        return port > 0 && port < PORTS ? classOfPort[(int) port] : 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortClasses other && names.equals(other.names) && Arrays.equals(classOfPort, other.classOfPort);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + Arrays.hashCode(classOfPort);
    }

    @Override
    public String toString() {
        return text;
    }
}
