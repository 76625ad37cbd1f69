package org.bwnetflow.connect.enrich.interfaces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressBlocksTest {

    static byte[] ip(String text) {
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** ::ffff:a.b.c.d as 16 bytes (InetAddress would turn it into 4). */
    static byte[] mapped(String v4) {
        byte[] address = new byte[16];
        address[10] = (byte) 0xFF;
        address[11] = (byte) 0xFF;
        System.arraycopy(ip(v4), 0, address, 12, 4);
        return address;
    }

    @Test
    void blocksHoldTheirAddressesAndNothingElse() {
        AddressBlocks blocks = AddressBlocks.parse(List.of("10.0.0.0/8", " 192.0.2.1 ", "2001:db8::/32", "::1"));
        assertThat(blocks.contains(ip("10.0.0.0"))).isTrue();
        assertThat(blocks.contains(ip("10.255.255.255"))).isTrue();
        assertThat(blocks.contains(ip("11.0.0.0"))).isFalse();
        assertThat(blocks.contains(ip("9.255.255.255"))).isFalse();
        assertThat(blocks.contains(ip("192.0.2.1"))).as("a bare address is that host").isTrue();
        assertThat(blocks.contains(ip("192.0.2.2"))).isFalse();
        assertThat(blocks.contains(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(blocks.contains(ip("2001:db9::"))).isFalse();
        assertThat(blocks.contains(ip("::1"))).isTrue();
        assertThat(blocks.contains(ip("::2"))).isFalse();
        assertThat(blocks.contains(new byte[0])).as("no address").isFalse();
        assertThat(blocks.contains(new byte[5])).isFalse();
    }

    @Test
    void anEmptyListHoldsNothing() {
        AddressBlocks none = AddressBlocks.parse(List.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.contains(ip("127.0.0.1"))).isFalse();
        assertThat(none.contains(ip("::1"))).isFalse();
    }

    @Test
    void anIpv4MappedAddressIsItsIpv4AddressNotIpv6Space() {
        AddressBlocks v6Only = AddressBlocks.parse(List.of("::/0"));
        assertThat(v6Only.contains(ip("2001:db8::1"))).isTrue();
        assertThat(v6Only.contains(mapped("10.0.0.1")))
                .as("allowing IPv6 space must not let a datagram name an IPv4 agent as ::ffff:a.b.c.d").isFalse();
        AddressBlocks v4 = AddressBlocks.parse(List.of("10.0.0.0/8"));
        assertThat(v4.contains(mapped("10.0.0.1"))).isTrue();
        assertThat(v4.contains(mapped("11.0.0.1"))).isFalse();
        assertThat(AddressBlocks.parse(List.of("::ffff:10.0.0.0/104")).contains(ip("10.1.2.3")))
                .as("a mapped block is the IPv4 block").isTrue();
    }

    @Test
    void overlappingAndAdjacentBlocksMerge() {
        AddressBlocks blocks = AddressBlocks.parse(List.of("10.0.0.0/16", "10.0.0.0/8", "10.0.1.0/24", "11.0.0.0/8",
                "12.0.0.0/32"));
        assertThat(blocks.contains(ip("10.200.0.1"))).isTrue();
        assertThat(blocks.contains(ip("11.255.0.1"))).isTrue();
        assertThat(blocks.contains(ip("12.0.0.0"))).isTrue();
        assertThat(blocks.contains(ip("12.0.0.1"))).isFalse();
        assertThat(blocks.toString()).isEqualTo("10.0.0.0/16,10.0.0.0/8,10.0.1.0/24,11.0.0.0/8,12.0.0.0/32");
    }

    /** Against a plain scan of the blocks, for random blocks and addresses (seed printed). */
    @Test
    void theBinarySearchAgreesWithAScan() {
        long seed = 20_260_422L;
        System.out.println("AddressBlocksTest seed " + seed);
        Random random = new Random(seed);
        List<String> cidrs = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int length = 8 + random.nextInt(25);
            int network = random.nextInt() & (int) (0xFFFF_FFFFL << (32 - length));
            cidrs.add(text(network) + "/" + length);
            ranges.add(new int[] {network, length});
        }
        AddressBlocks blocks = AddressBlocks.parse(cidrs);
        int inside = 0;
        for (int i = 0; i < 100_000; i++) {
            int address = i % 2 == 0 ? random.nextInt() : ranges.get(random.nextInt(ranges.size()))[0] + random.nextInt(256);
            boolean expected = ranges.stream().anyMatch(r -> (address & (int) (0xFFFF_FFFFL << (32 - r[1]))) == r[0]);
            assertThat(blocks.contains(ip(text(address)))).as(text(address)).isEqualTo(expected);
            inside += expected ? 1 : 0;
        }
        assertThat(inside).as("both answers were tried").isBetween(10_000, 90_000);
    }

    private static String text(int address) {
        return (address >>> 24) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "." + (address & 0xFF);
    }

    @Test
    void badEntriesAreNamedWithTheReason() {
        assertThatThrownBy(() -> AddressBlocks.parse(List.of("10.0.0.0/8", "10.1.2.3/8")))
                .hasMessageContaining("'10.1.2.3/8' has host bits set; did you mean 10.0.0.0/8?");
        assertThatThrownBy(() -> AddressBlocks.parse(List.of("router1.example.org")))
                .hasMessageContaining("'router1.example.org' is not an IPv4 or IPv6 address");
        assertThatThrownBy(() -> AddressBlocks.parse(List.of("10.0.0.0/33"))).hasMessageContaining("'10.0.0.0/33'");
        assertThatThrownBy(() -> AddressBlocks.parse(List.of("10.0.0.1-9"))).hasMessageContaining("is a range");
        assertThatThrownBy(() -> AddressBlocks.parse(List.of(""))).hasMessageContaining("'' is not an IPv4 or IPv6");
    }

    @Test
    void aListOfEveryAddressOfAFamilyIsRecognised() {
        assertThat(AddressBlocks.parse(List.of("0.0.0.0/0")).coversAFamily()).isTrue();
        assertThat(AddressBlocks.parse(List.of("0.0.0.0/1", "128.0.0.0/1")).coversAFamily()).isTrue();
        assertThat(AddressBlocks.parse(List.of("::/0")).coversAFamily()).isTrue();
        assertThat(AddressBlocks.parse(List.of("10.0.0.0/8", "2001:db8::/32")).coversAFamily()).isFalse();
    }
}
