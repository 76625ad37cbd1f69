package org.bwnetflow.connect.bmp.decode;

import java.util.Arrays;

/**
 * One segment of an AS_PATH (RFC 4271 section 4.3, RFC 5065 for confederations): its type and
 * its AS numbers in order (as unsigned 32-bit values).
 */
public record AsPathSegment(int type, long[] asns) {

    public static final int AS_SET = 1;
    public static final int AS_SEQUENCE = 2;
    public static final int AS_CONFED_SEQUENCE = 3;
    public static final int AS_CONFED_SET = 4;

    /** How the segment counts in a path's length: a set as one AS (RFC 4271 9.1.2.2), confederation segments as none. */
    int pathLength() {
        return type == AS_SEQUENCE ? asns.length : type == AS_SET ? 1 : 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AsPathSegment s && type == s.type && Arrays.equals(asns, s.asns);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(asns);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type == AS_SET || type == AS_CONFED_SET ? "{" : "");
        for (int i = 0; i < asns.length; i++) {
            sb.append(i == 0 ? "" : type == AS_SET || type == AS_CONFED_SET ? "," : " ").append(asns[i]);
        }
        return sb.append(type == AS_SET || type == AS_CONFED_SET ? "}" : "").toString();
    }
}
