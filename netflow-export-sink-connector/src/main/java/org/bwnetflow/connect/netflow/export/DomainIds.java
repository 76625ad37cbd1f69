package org.bwnetflow.connect.netflow.export;

import java.util.zip.CRC32;

/**
 * The source id (v9) or observation domain id (IPFIX) of an original exporter: an IPv4
 * exporter's address as a number, so that collectors that show the id show something a
 * person recognises; a CRC-32 of an IPv6 exporter's address. Stable across restarts.
 */
final class DomainIds {

    private DomainIds() {
    }

    static long of(byte[] exporter) {
        if (exporter == null || exporter.length == 0) {
            return 0;
        }
        if (exporter.length == 4) {
            return ((exporter[0] & 0xffL) << 24) | ((exporter[1] & 0xffL) << 16) | ((exporter[2] & 0xffL) << 8)
                    | (exporter[3] & 0xffL);
        }
        CRC32 crc = new CRC32();
        crc.update(exporter);
        return crc.getValue();
    }
}
