package org.bwnetflow.connect.enrich.interfaces;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivacyProtocol;
import org.snmp4j.security.SecretOctetString;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.SecurityProtocols.SecurityProtocolSet;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.security.nonstandard.PrivAES192With3DESKeyExtension;
import org.snmp4j.security.nonstandard.PrivAES256With3DESKeyExtension;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * SNMPv3 with the User-based Security Model at authPriv (RFC 3414): requests and answers are
 * authenticated and encrypted; nothing secret crosses the network. Engine IDs are discovered
 * per agent by SNMP4J, on its own thread, and the keys localized to each. Each session has its
 * own USM with only this user and these two protocols.
 */
public final class UsmCredentials implements SnmpCredentials {

    /** RFC 3414 §11.2: passphrases of fewer than 8 characters are not allowed. */
    public static final int MIN_PASSPHRASE_LENGTH = 8;

    /** Authentication protocols, named as Net-SNMP names them (SHA-1 is Net-SNMP's SHA); no MD5. */
    public enum Auth {
        SHA_1("SHA-1", AuthSHA::new),
        SHA_224("SHA-224", AuthHMAC128SHA224::new),
        SHA_256("SHA-256", AuthHMAC192SHA256::new),
        SHA_384("SHA-384", AuthHMAC256SHA384::new),
        SHA_512("SHA-512", AuthHMAC384SHA512::new);

        private final String configName;
        private final Supplier<AuthenticationProtocol> protocol;

        Auth(String configName, Supplier<AuthenticationProtocol> protocol) {
            this.configName = configName;
            this.protocol = protocol;
        }

        public static Auth fromConfig(String value) {
            return byName(values(), value, a -> a.configName);
        }

        public static String names() {
            return Arrays.stream(values()).map(a -> a.configName).collect(Collectors.joining(", "));
        }
    }

    /**
     * Privacy protocols: AES-128 (RFC 3826), AES-192 and AES-256 with the key extension of
     * draft-blumenthal-aes-usm-04 (Net-SNMP's AES-192/AES-256), and with Cisco's key extension
     * (draft-reeder-snmpv3-usm-3desede, Net-SNMP's AES-192-C/AES-256-C); no DES.
     */
    public enum Priv {
        AES_128("AES-128", PrivAES128::new),
        AES_192("AES-192", PrivAES192::new),
        AES_256("AES-256", PrivAES256::new),
        AES_192_C("AES-192-C", PrivAES192With3DESKeyExtension::new),
        AES_256_C("AES-256-C", PrivAES256With3DESKeyExtension::new);

        private final String configName;
        private final Supplier<PrivacyProtocol> protocol;

        Priv(String configName, Supplier<PrivacyProtocol> protocol) {
            this.configName = configName;
            this.protocol = protocol;
        }

        public static Priv fromConfig(String value) {
            return byName(values(), value, p -> p.configName);
        }

        public static String names() {
            return Arrays.stream(values()).map(p -> p.configName).collect(Collectors.joining(", "));
        }
    }

    private final OctetString user;
    private final Auth auth;
    private final SecretOctetString authPassphrase;
    private final Priv priv;
    private final SecretOctetString privPassphrase;

    /** Passphrases of at least {@link #MIN_PASSPHRASE_LENGTH} characters (checked by the transform's config). */
    public UsmCredentials(String user, Auth auth, String authPassphrase, Priv priv, String privPassphrase) {
        this.user = new OctetString(user);
        this.auth = auth;
        this.authPassphrase = new SecretOctetString(authPassphrase.getBytes(StandardCharsets.UTF_8));
        this.priv = priv;
        this.privPassphrase = new SecretOctetString(privPassphrase.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Snmp open() throws IOException {
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocolSet.none);
        AuthenticationProtocol authProtocol = auth.protocol.get();
        PrivacyProtocol privProtocol = priv.protocol.get();
        protocols.addAuthenticationProtocol(authProtocol);
        protocols.addPrivacyProtocol(privProtocol);
        byte[] engineId = MPv3.createLocalEngineID();
        USM usm = new USM(protocols, new OctetString(engineId), 0);
        usm.addUser(new UsmUser(user, authProtocol.getID(), authPassphrase, privProtocol.getID(), privPassphrase));
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv3(engineId, null, protocols,
                SecurityModels.getCollection(new SecurityModel[] {usm}), new CounterSupport()));
        return new Snmp(dispatcher, new DefaultUdpTransportMapping());
    }

    @Override
    public Target<UdpAddress> target(UdpAddress agent) {
        UserTarget<UdpAddress> target = new UserTarget<>();
        target.setAddress(agent);
        target.setVersion(SnmpConstants.version3);
        target.setSecurityLevel(SecurityLevel.AUTH_PRIV);
        target.setSecurityName(user);
        return target;
    }

    @Override
    public PDU newRequest() {
        ScopedPDU pdu = new ScopedPDU();
        pdu.setType(PDU.GET);
        return pdu;
    }

    @Override
    public String toString() {
        return "SNMPv3 user " + user + " authPriv " + auth.configName + "/" + priv.configName
                + " (passphrases [hidden])";
    }

    private static <E extends Enum<E>> E byName(E[] values, String name, java.util.function.Function<E, String> names) {
        String wanted = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
        for (E value : values) {
            if (names.apply(value).equals(wanted)) {
                return value;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not one of "
                + Arrays.stream(values).map(names).collect(Collectors.joining(", ")));
    }
}
