package org.bwnetflow.connect.netflow.decode;

import java.util.Arrays;

/**
 * The layout of a (data or options) template: per field its code (what the decoder does with
 * it), the exporter's field type, enterprise number and length. Immutable.
 */
public final class Template {

    /** Most fields a template may have; real ones have tens, more is an attack on our memory. */
    public static final int MAX_FIELDS = 1024;

    private final int id;
    private final int scopeFieldCount;
    private final boolean options;
    private final int[] types;
    /** Null when every field is an IANA one (the common case: saves 8 bytes per field). */
    private final long[] enterprises;
    private final int[] lengths;
    private final int[] codes;
    /** {@link FieldGroups} of each field, looked up once here rather than per record. */
    private final byte[] groups;
    private final int minRecordLength;

    /**
     * @param types       field type numbers; for NetFlow v9 options scopes, the scope type plus
     *                    {@link InformationElements#V9_SCOPE_OFFSET}
     * @param enterprises IPFIX enterprise number per field, 0 for IANA fields
     * @param lengths     field lengths in bytes; {@link InformationElements#VARIABLE_LENGTH} for variable
     */
    public Template(int id, boolean options, int scopeFieldCount, int[] types, long[] enterprises, int[] lengths) {
        this.id = id;
        this.options = options;
        this.scopeFieldCount = scopeFieldCount;
        this.types = types;
        this.enterprises = anyNonZero(enterprises) ? enterprises : null;
        this.lengths = lengths;
        this.codes = new int[types.length];
        this.groups = new byte[types.length];
        int min = 0;
        for (int i = 0; i < types.length; i++) {
            codes[i] = InformationElements.code(types[i], enterprises[i]);
            groups[i] = FieldGroups.of(codes[i]);
            if (lengths[i] == InformationElements.VARIABLE_LENGTH) {
                min += 1; // at least its length byte
            } else {
                min += lengths[i];
            }
        }
        this.minRecordLength = min;
    }

    public int id() {
        return id;
    }

    public boolean isOptions() {
        return options;
    }

    public int scopeFieldCount() {
        return scopeFieldCount;
    }

    public int fieldCount() {
        return types.length;
    }

    public int type(int field) {
        return types[field];
    }

    public long enterprise(int field) {
        return enterprises == null ? 0 : enterprises[field];
    }

    /** Whether any field carries an enterprise number. */
    public boolean hasEnterpriseFields() {
        return enterprises != null;
    }

    public int length(int field) {
        return lengths[field];
    }

    int code(int field) {
        return codes[field];
    }

    byte group(int field) {
        return groups[field];
    }

    /** Shortest possible record; 0 means the template cannot describe any data. */
    int minRecordLength() {
        return minRecordLength;
    }

    /** Same layout: a refresh of an unchanged template is not a change of state. */
    public boolean sameLayoutAs(Template other) {
        return options == other.options && scopeFieldCount == other.scopeFieldCount
                && Arrays.equals(types, other.types) && Arrays.equals(enterprises, other.enterprises)
                && Arrays.equals(lengths, other.lengths);
    }

    private static boolean anyNonZero(long[] values) {
        for (long v : values) {
            if (v != 0) {
                return true;
            }
        }
        return false;
    }
}
