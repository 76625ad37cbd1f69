package org.bwnetflow.connect.enrich.customer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefixTableTest {

    @TempDir
    Path tmp;

    @Test
    void cachedLookupsAgreeWithTheTrie() throws IOException, PrefixListException {
        Random random = new Random(42);
        Map<String, Integer> prefixes = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            int length = 8 + random.nextInt(25);
            int address = random.nextInt() & (int) (0xFFFF_FFFFL << (32 - length));
            prefixes.put(String.format("%d.%d.%d.%d/%d", address >>> 24, address >>> 16 & 255, address >>> 8 & 255,
                    address & 255, length), 1 + random.nextInt(1000));
        }
        Path file = tmp.resolve("random.csv");
        List<String> lines = new ArrayList<>();
        prefixes.forEach((prefix, cid) -> lines.add(prefix + "," + cid));
        Files.write(file, lines);
        PrefixTable table = PrefixTable.load(file);
        int found = 0;
        for (int round = 0; round < 3; round++) { // the later rounds are answered from the cache
            Random addresses = new Random(7);
            for (int i = 0; i < 20_000; i++) {
                byte[] address = new byte[addresses.nextInt(4) == 0 ? 16 : 4];
                addresses.nextBytes(address);
                long cid = table.lookup(address);
                assertThat(cid).isEqualTo(table.trieLookup(address));
                found += cid != 0 ? 1 : 0;
            }
        }
        assertThat(found).as("some random addresses fall into the random prefixes").isPositive();
    }

    @Test
    void addressesOfOtherLengthsHaveNoCustomer() throws IOException, PrefixListException {
        Path file = tmp.resolve("any.csv");
        Files.writeString(file, "0.0.0.0/0,1\n::/0,2\n");
        PrefixTable table = PrefixTable.load(file);
        assertThat(table.lookup(new byte[0])).isZero();
        assertThat(table.lookup(new byte[4])).isEqualTo(1);
        assertThat(table.lookup(new byte[16])).isEqualTo(2);
    }
}
