package org.bwnetflow.connect.filter;

import java.util.Objects;

/**
 * A filter evaluated on FlowMessage protobuf bytes (a Kafka record's value) without decoding them: one scan
 * reads only the fields the filter needs into preallocated slots, then the compiled filter runs on those.
 * Nothing is allocated per flow.
 *
 * <p><b>Not thread-safe</b>: the slots are the matcher's own. Use one matcher per thread (call
 * {@link Filter#compileRaw()} for each); the {@link Filter} itself is immutable and may be shared.
 *
 * <p>Values mean what {@code FlowMessageCodec.decode} makes of them (absent fields are the proto3 default, the last
 * occurrence of a field wins), so a matcher agrees with {@link Filter#matches} on the decoded Struct. <b>Bytes that
 * are no FlowMessage</b> (a truncated varint or field, a length past the end, field number 0, groups or wire types
 * 6 and 7) match nothing: {@code matches} returns false, whatever the filter (also {@code not ...} and {@code any}).
 * Texts are compared as UTF-8 bytes and not validated, where decoding would reject invalid UTF-8.
 */
public final class RawFlowMatcher {

    private final RawFlowScan scan;
    private final RawProgram program;

    RawFlowMatcher(RawFlowScan scan, RawProgram program) {
        this.scan = scan;
        this.program = program;
    }

    /**
     * Whether the FlowMessage in {@code bytes[offset, offset + length)} matches the filter; false for bytes that
     * are no FlowMessage.
     *
     * @throws IndexOutOfBoundsException when the range is not within the array
     */
    public boolean matches(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        return scan.scan(bytes, offset, length) && program.matches(scan.values(), bytes);
    }

    /** Whether the FlowMessage {@code bytes} matches the filter; false for bytes that are no FlowMessage. */
    public boolean matches(byte[] bytes) {
        return matches(bytes, 0, bytes.length);
    }
}
