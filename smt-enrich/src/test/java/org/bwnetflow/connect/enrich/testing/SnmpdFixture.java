package org.bwnetflow.connect.enrich.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * A real Net-SNMP agent (Debian package snmpd) on 127.0.0.1 with a known IF-MIB interface
 * table: {@code override} lines serve ifName, ifAlias and ifHighSpeed for the given ifIndexes, and
 * a catch-all {@code pass} makes other indexes answer noSuchInstance, as a router's agent would.
 * SNMPv3 users ({@link V3User}) are created by {@code createUser} lines in the config the fixture
 * writes and may read everything at authPriv only ({@code rouser NAME priv}).
 * The real interface tables are not loaded ({@code -I -ifTable,ifXTable}), nothing is read from
 * /etc/snmp, and state goes to the fixture's own directory. Fails loudly when snmpd is missing:
 * {@code bin/test-all} installs it.
 */
public final class SnmpdFixture implements AutoCloseable {

    public static final String SNMPD = "/usr/sbin/snmpd";

    /** One row of the fake interface table. */
    public record Interface(String name, String alias, long highSpeedMbps) {
    }

    /**
     * An SNMPv3 user, authPriv, in Net-SNMP's words: {@code auth} is SHA, SHA-224, SHA-256, SHA-384
     * or SHA-512, {@code priv} AES, AES-192, AES-256, AES-192-C or AES-256-C (the -C ones with
     * Cisco's key extension); passphrases of at least 8 characters, without spaces.
     */
    public record V3User(String name, String auth, String authPassphrase, String priv, String privPassphrase) {
    }

    private final Process process;
    private final int port;
    private final Path dir;

    private SnmpdFixture(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts snmpd on 127.0.0.1:port answering {@code community} and waits until it answers. */
    public static SnmpdFixture start(Path dir, int port, String community, Map<Integer, Interface> interfaces) {
        return start(dir, port, community, interfaces, List.of());
    }

    /** Starts snmpd answering {@code community} (v2c) and the SNMPv3 {@code users} (authPriv). */
    public static SnmpdFixture start(Path dir, int port, String community, Map<Integer, Interface> interfaces,
            List<V3User> users) {
        if (!Files.isExecutable(Paths.get(SNMPD))) {
            throw new IllegalStateException(SNMPD + " is missing: install the Debian package snmpd (bin/test-all "
                    + "does)");
        }
        try {
            Files.createDirectories(dir.resolve("persist"));
            Path conf = dir.resolve("snmpd.conf");
            Files.writeString(conf, config(port, community, interfaces, users));
            ProcessBuilder builder = new ProcessBuilder(SNMPD, "-f", "-C", "-c", conf.toString(),
                    "-I", "-ifTable,ifXTable,smux", "-Lo", "-p", dir.resolve("snmpd.pid").toString());
            builder.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("persist").toString());
            builder.environment().put("MIBS", "");
            builder.environment().put("MIBDIRS", "/nonexistent");
            builder.redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.out").toFile());
            SnmpdFixture fixture = new SnmpdFixture(builder.start(), port, dir);
            fixture.awaitReady(community);
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String config(int port, String community, Map<Integer, Interface> interfaces,
            List<V3User> users) {
        StringBuilder sb = new StringBuilder();
        sb.append("agentaddress udp:127.0.0.1:").append(port).append('\n');
        sb.append("rocommunity ").append(community).append(" 127.0.0.1\n");
        for (V3User user : users) {
            sb.append("createUser ").append(user.name()).append(' ').append(user.auth()).append(' ')
                    .append(user.authPassphrase()).append(' ').append(user.priv()).append(' ')
                    .append(user.privPassphrase()).append('\n');
            sb.append("rouser ").append(user.name()).append(" priv\n");
        }
        sb.append("dontLogTCPWrappersConnects yes\n");
        Map<Integer, Interface> sorted = new LinkedHashMap<>(interfaces);
        sorted.forEach((index, row) -> {
            // Strings as hex: snmpd's quoting would otherwise cut words and decode "0x..." values.
            sb.append("override .1.3.6.1.2.1.31.1.1.1.1.").append(index).append(" octet_str ").append(hex(row.name()))
                    .append('\n');
            sb.append("override .1.3.6.1.2.1.31.1.1.1.18.").append(index).append(" octet_str ")
                    .append(hex(row.alias())).append('\n');
            sb.append("override .1.3.6.1.2.1.31.1.1.1.15.").append(index).append(" unsigned ")
                    .append(row.highSpeedMbps()).append('\n');
        });
        sb.append("pass .1.3.6.1.2.1.31.1.1.1 /bin/true\n");
        return sb.toString();
    }

    private static String hex(String text) {
        return "0x" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Asks for sysUpTime.0 until the agent answers (about 70 ms after the start). */
    private void awaitReady(String community) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            snmp.listen();
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                    new UdpAddress(InetAddress.getLoopbackAddress(), port), new OctetString(community));
            target.setVersion(SnmpConstants.version2c);
            target.setTimeout(100);
            target.setRetries(0);
            PDU pdu = new PDU();
            pdu.add(new VariableBinding(SnmpConstants.sysUpTime));
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("snmpd exited with " + process.exitValue() + ": "
                            + Files.readString(dir.resolve("snmpd.out")));
                }
                if (snmp.send(pdu, target).getResponse() != null) {
                    return;
                }
            }
        }
        close();
        throw new IllegalStateException("snmpd did not answer on 127.0.0.1:" + port + " within 20 s");
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
