package org.bwnetflow.connect.bmp.decode;

import java.util.ArrayList;
import java.util.List;

/** Reads AS_PATH and AS4_PATH attributes, and merges a 2-byte path with its AS4_PATH (RFC 6793 section 4.2.3). */
final class AsPaths {

    private AsPaths() {
    }

    /** The segments of an AS path attribute's value from {@code at} to {@code end}, AS numbers {@code width} bytes wide. */
    static List<AsPathSegment> read(byte[] b, int at, int end, int width) throws MalformedBmpException {
        List<AsPathSegment> segments = new ArrayList<>();
        while (at < end) {
            if (end - at < 2) {
                throw new MalformedBmpException("an AS path segment header is cut short");
            }
            int type = Bytes.uint8(b, at);
            int count = Bytes.uint8(b, at + 1);
            if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET) {
                throw new MalformedBmpException("AS path segment type " + type);
            }
            if (count == 0) {
                throw new MalformedBmpException("an empty AS path segment");
            }
            BgpUpdateParser.within(at + 2, count * width, end, "AS path segment");
            long[] asns = new long[count];
            for (int i = 0; i < count; i++) {
                int p = at + 2 + i * width;
                asns[i] = width == 4 ? Bytes.uint32(b, p) : Bytes.uint16(b, p);
            }
            segments.add(new AsPathSegment(type, asns));
            at += 2 + count * width;
        }
        return segments;
    }

    /**
     * The path a 2-byte speaker's AS_PATH and AS4_PATH together describe: AS4_PATH with the
     * leading ASes that AS_PATH has beyond it (those added by 2-byte speakers since) in front; AS_PATH
     * alone when AS4_PATH is the longer (it is then stale, RFC 6793).
     */
    static List<AsPathSegment> merge(List<AsPathSegment> asPath, List<AsPathSegment> as4Path) {
        int extra = length(asPath) - length(as4Path);
        if (extra < 0) {
            return asPath;
        }
        List<AsPathSegment> merged = new ArrayList<>();
        for (AsPathSegment segment : asPath) {
            if (extra == 0) {
                break;
            }
            if (segment.type() == AsPathSegment.AS_SEQUENCE) {
                int take = Math.min(extra, segment.asns().length);
                long[] lead = new long[take];
                System.arraycopy(segment.asns(), 0, lead, 0, take);
                merged.add(new AsPathSegment(AsPathSegment.AS_SEQUENCE, lead));
                extra -= take;
            } else if (segment.type() == AsPathSegment.AS_SET) {
                merged.add(segment);
                extra--;
            } else {
                merged.add(segment); // confederation segments do not count in the length
            }
        }
        for (AsPathSegment segment : as4Path) {
            int last = merged.size() - 1;
            if (last >= 0 && segment.type() == AsPathSegment.AS_SEQUENCE && merged.get(last).type() == AsPathSegment.AS_SEQUENCE) {
                long[] lead = merged.get(last).asns();
                long[] joined = new long[lead.length + segment.asns().length];
                System.arraycopy(lead, 0, joined, 0, lead.length);
                System.arraycopy(segment.asns(), 0, joined, lead.length, segment.asns().length);
                merged.set(last, new AsPathSegment(AsPathSegment.AS_SEQUENCE, joined)); // one sequence, as it was sent
            } else {
                merged.add(segment);
            }
        }
        return merged;
    }

    private static int length(List<AsPathSegment> path) {
        int length = 0;
        for (AsPathSegment segment : path) {
            length += segment.pathLength();
        }
        return length;
    }
}
