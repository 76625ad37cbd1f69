package org.bwnetflow.connect.netflow.source.offsets;

import java.util.Map;

/**
 * One source partition and the offset a record carries for it; a null offset is a tombstone
 * (Connect then deletes the partition's stored offset).
 */
public record OffsetWrite(Map<String, Object> partition, Map<String, Object> offset) {
}
