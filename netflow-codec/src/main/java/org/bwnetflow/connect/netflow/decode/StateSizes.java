package org.bwnetflow.connect.netflow.decode;

/**
 * What each kind of decoder state costs on the heap, in bytes, as the budget charges it.
 *
 * <p>Estimates for a 64-bit JVM with compressed references (12-byte object headers, 8-byte
 * alignment), including the share of the hash-map slots that hold the entry. They are
 * calibrated against measured object graphs (see {@code StateAccountingTest}, which fails when
 * they drift), not exact to the byte: the bound holds to within a few percent.
 */
final class StateSizes {

    /** ExporterState, its InetAddress, address bytes, empty domain map and registry map node. */
    static final long EXPORTER = 424;
    /** Extra for an IPv6 exporter's address. */
    static final long EXPORTER_IPV6_EXTRA = 80;
    /** DomainState with an empty template map, and its slot in the exporter's domain map. */
    static final long DOMAIN = 280;
    /** StoredTemplate and Template objects and its map slot, before the per-field arrays. */
    static final long TEMPLATE = 160;
    /** Per template field: type, length and field code (ints); enterprise numbers are extra. */
    static final long TEMPLATE_FIELD = 12;
    static final long TEMPLATE_ENTERPRISE_FIELD = 8;
    /** InterfaceEntry, its InterfaceInfo and map slot, before the two strings. */
    static final long INTERFACE = 96;
    /** A String object and its byte array header. */
    static final long STRING = 40;
    /** The interface and sampler maps a domain creates on first use. */
    static final long OPTIONS_MAP = 176;
    static final long SAMPLER = 80;

    private StateSizes() {
    }

    static long template(Template t) {
        long fields = t.fieldCount();
        return align(TEMPLATE + fields * TEMPLATE_FIELD + (t.hasEnterpriseFields() ? fields * TEMPLATE_ENTERPRISE_FIELD : 0));
    }

    static long interfaceEntry(InterfaceInfo info) {
        return INTERFACE + string(info.name()) + string(info.description());
    }

    static long string(String s) {
        if (s == null) {
            return 0;
        }
        boolean latin1 = true;
        for (int i = 0; i < s.length() && latin1; i++) {
            latin1 = s.charAt(i) < 256;
        }
        return align(STRING + (latin1 ? s.length() : 2L * s.length()));
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
