package org.bwnetflow.connect.enrich;

import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_AGENTS_ALLOWLIST;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_AGENTS_MAP;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_ALIAS_REGEX;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_CACHE_MAX_ENTRIES;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_COMMUNITY;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_MAX_IN_FLIGHT;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_NEGATIVE_TTL_MS;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_PORT;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_REFRESH_INTERVAL_MS;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_RETRIES;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_TIMEOUT_MS;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_V3_AUTH_PASSPHRASE;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_V3_AUTH_PROTOCOL;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_V3_PRIV_PASSPHRASE;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_V3_PRIV_PROTOCOL;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_V3_USER;
import static org.bwnetflow.connect.enrich.InterfaceNames.SNMP_VERSION;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.bwnetflow.connect.enrich.interfaces.AddressBlocks;
import org.bwnetflow.connect.enrich.interfaces.AgentMap;
import org.bwnetflow.connect.enrich.interfaces.CommunityCredentials;
import org.bwnetflow.connect.enrich.interfaces.SnmpAgents;
import org.bwnetflow.connect.enrich.interfaces.SnmpCredentials;
import org.bwnetflow.connect.enrich.interfaces.SnmpInterfaceCache;
import org.bwnetflow.connect.enrich.interfaces.SnmpSettings;
import org.bwnetflow.connect.enrich.interfaces.UsmCredentials;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InterfaceNames' SNMP keys: their definitions and validators, and the config read into
 * credentials (v2c community or SNMPv3 user), the agents that may be asked, and the cache. A
 * secret (PASSWORD key) never appears in a message: validators and ConfigExceptions get the
 * {@link Password}, whose text is "[hidden]".
 */
final class InterfaceNamesSnmp {

    private static final Logger log = LoggerFactory.getLogger(InterfaceNames.class);
    /** RFC 3414's SnmpAdminString for a security name: 1 to 32 octets. */
    private static final int MAX_USER_LENGTH = 32;

    private InterfaceNamesSnmp() {
    }

    /** Adds the SNMP keys to the transform's ConfigDef. */
    static ConfigDef define(ConfigDef configDef) {
        return configDef
            .define(SNMP_AGENTS_ALLOWLIST, ConfigDef.Type.LIST, "",
                    DescribedValidator.of("comma-separated addresses or CIDR blocks, no host bits set",
                            InterfaceNamesSnmp::validateAllowlist),
                    ConfigDef.Importance.HIGH, "Exporters whose own address (the flow's SamplerAddress) may be asked "
                            + "over SNMP, e.g. the routers' loopback range. For sFlow the SamplerAddress is the agent "
                            + "address written inside the datagram, chosen by whoever sent it: an exporter neither "
                            + "here nor in " + SNMP_AGENTS_MAP + " is never asked (counted in snmp-agents-refused). "
                            + "Empty (with an empty map): no agent is asked.")
            .define(SNMP_AGENTS_MAP, ConfigDef.Type.LIST, "",
                    DescribedValidator.of("comma-separated exporter=agent pairs of addresses",
                            InterfaceNamesSnmp::validateAgentMap),
                    ConfigDef.Importance.HIGH, "Exporters to be asked at another address, as 'exporter=agent' pairs "
                            + "(e.g. flows from a router's loopback, SNMP on its management address). A mapped "
                            + "exporter is asked at its agent only, whether or not it is in " + SNMP_AGENTS_ALLOWLIST
                            + ".")
            .define(SNMP_VERSION, ConfigDef.Type.STRING, "v2c",
                    ConfigDef.CaseInsensitiveValidString.in("v2c", "v3"), ConfigDef.Importance.HIGH,
                    "SNMP version: 'v2c' (" + SNMP_COMMUNITY + ", sent in clear text with every query) or 'v3' "
                            + "(the " + SNMP_V3_USER + " at authPriv: authenticated and encrypted).")
            .define(SNMP_COMMUNITY, ConfigDef.Type.PASSWORD, null, ConfigDef.Importance.HIGH,
                    "SNMP v2c community for the agents. Unset with " + SNMP_VERSION + "=v2c: no SNMP queries.")
            .define(SNMP_V3_USER, ConfigDef.Type.STRING, "",
                    DescribedValidator.of("empty, or 1-32 characters", InterfaceNamesSnmp::validateUser),
                    ConfigDef.Importance.HIGH, "SNMPv3 user (USM security name), for " + SNMP_VERSION + "=v3, "
                            + "where it is required; queries are sent at authPriv.")
            .define(SNMP_V3_AUTH_PROTOCOL, ConfigDef.Type.STRING, "SHA-256",
                    DescribedValidator.of("one of " + UsmCredentials.Auth.names(), InterfaceNamesSnmp::validateAuth),
                    ConfigDef.Importance.MEDIUM, "SNMPv3 authentication protocol: HMAC-SHA-2 (RFC 7860), or SHA-1 "
                            + "for agents that have nothing better (Net-SNMP's 'SHA'). MD5 is not offered.")
            .define(SNMP_V3_AUTH_PASSPHRASE, ConfigDef.Type.PASSWORD, null,
                    DescribedValidator.of("unset, or at least " + UsmCredentials.MIN_PASSPHRASE_LENGTH + " characters",
                            InterfaceNamesSnmp::validatePassphrase),
                    ConfigDef.Importance.HIGH, "SNMPv3 authentication passphrase (required for v3); best through a "
                            + "config provider.")
            .define(SNMP_V3_PRIV_PROTOCOL, ConfigDef.Type.STRING, "AES-128",
                    DescribedValidator.of("one of " + UsmCredentials.Priv.names(), InterfaceNamesSnmp::validatePriv),
                    ConfigDef.Importance.MEDIUM, "SNMPv3 privacy (encryption) protocol: AES-128 (RFC 3826, every "
                            + "agent has it); AES-192/AES-256 with the Blumenthal key extension, AES-192-C/AES-256-C "
                            + "with Cisco's (Net-SNMP's names). DES is not offered.")
            .define(SNMP_V3_PRIV_PASSPHRASE, ConfigDef.Type.PASSWORD, null,
                    DescribedValidator.of("unset, or at least " + UsmCredentials.MIN_PASSPHRASE_LENGTH + " characters",
                            InterfaceNamesSnmp::validatePassphrase),
                    ConfigDef.Importance.HIGH, "SNMPv3 privacy passphrase (required for v3); best through a config "
                            + "provider.")
            .define(SNMP_PORT, ConfigDef.Type.INT, 161, ConfigDef.Range.between(1, 65535), ConfigDef.Importance.LOW,
                    "UDP port of the SNMP agents.")
            .define(SNMP_TIMEOUT_MS, ConfigDef.Type.INT, 2000, ConfigDef.Range.between(10, 60_000),
                    ConfigDef.Importance.LOW, "How long to wait for an SNMP answer before a retry.")
            .define(SNMP_RETRIES, ConfigDef.Type.INT, 1, ConfigDef.Range.between(0, 10), ConfigDef.Importance.LOW,
                    "SNMP retries after a timeout.")
            .define(SNMP_MAX_IN_FLIGHT, ConfigDef.Type.INT, 32, ConfigDef.Range.between(1, 10_000),
                    ConfigDef.Importance.LOW, "Most SNMP queries out at once, per task; beyond that a miss waits "
                            + "for a later flow.")
            .define(SNMP_REFRESH_INTERVAL_MS, ConfigDef.Type.LONG, 3_600_000L, ConfigDef.Range.atLeast(1000),
                    ConfigDef.Importance.LOW, "How long an SNMP answer is used before it is asked again (the old "
                            + "answer is used until the new one arrives).")
            .define(SNMP_NEGATIVE_TTL_MS, ConfigDef.Type.LONG, 300_000L, ConfigDef.Range.atLeast(1000),
                    ConfigDef.Importance.LOW, "How long an unknown interface or a silent exporter is left alone "
                            + "before it is asked again.")
            .define(SNMP_CACHE_MAX_ENTRIES, ConfigDef.Type.INT, 100_000, ConfigDef.Range.atLeast(1),
                    ConfigDef.Importance.LOW, "Most interfaces the SNMP cache holds, per task; when full, expired "
                            + "entries go first.")
            .define(SNMP_ALIAS_REGEX, ConfigDef.Type.STRING, "",
                    DescribedValidator.of("empty, or a regular expression with a group", InterfaceNames::validateRegex),
                    ConfigDef.Importance.LOW, "Regular expression searched in ifAlias; its first group becomes the "
                            + "description (e.g. '\\[(.*)\\]' keeps what is in brackets). An alias it does not match "
                            + "is kept whole. Empty: the whole alias.");
    }

    /**
     * The credentials the config asks for, or null when SNMP is not configured (v2c without a
     * community). Problems that involve several keys are ConfigExceptions naming the key to change.
     */
    static SnmpCredentials credentials(AbstractConfig config) {
        String user = config.getString(SNMP_V3_USER).trim();
        if ("v2c".equals(config.getString(SNMP_VERSION).trim().toLowerCase(Locale.ROOT))) {
            if (!user.isEmpty()) {
                throw new ConfigException(SNMP_VERSION, config.getString(SNMP_VERSION), SNMP_V3_USER + " is set: "
                        + "set " + SNMP_VERSION + " to v3 to use it, or remove the snmp.v3 keys");
            }
            Password community = config.getPassword(SNMP_COMMUNITY);
            return community == null || community.value().isEmpty() ? null
                    : new CommunityCredentials(community.value());
        }
        if (user.isEmpty()) {
            throw new ConfigException(SNMP_V3_USER, user, "is required when " + SNMP_VERSION + " is v3");
        }
        if (config.getPassword(SNMP_COMMUNITY) != null) {
            log.warn("{} is set but not used: {} is v3", SNMP_COMMUNITY, SNMP_VERSION);
        }
        return new UsmCredentials(user, UsmCredentials.Auth.fromConfig(config.getString(SNMP_V3_AUTH_PROTOCOL)),
                requiredPassphrase(config, SNMP_V3_AUTH_PASSPHRASE),
                UsmCredentials.Priv.fromConfig(config.getString(SNMP_V3_PRIV_PROTOCOL)),
                requiredPassphrase(config, SNMP_V3_PRIV_PASSPHRASE));
    }

    private static String requiredPassphrase(AbstractConfig config, String key) {
        Password passphrase = config.getPassword(key);
        if (passphrase == null || passphrase.value().isEmpty()) {
            throw new ConfigException(key, passphrase, "is required when " + SNMP_VERSION + " is v3 (authPriv)");
        }
        return passphrase.value();
    }

    /** The SNMP cache with these credentials, asking only the agents the config allows. */
    static SnmpInterfaceCache open(AbstractConfig config, SnmpCredentials credentials,
            SnmpInterfaceCache.Counters counters) {
        SnmpAgents agents = new SnmpAgents(AddressBlocks.parse(config.getList(SNMP_AGENTS_ALLOWLIST)),
                AgentMap.parse(config.getList(SNMP_AGENTS_MAP)));
        if (agents.allowNone()) {
            log.warn("SNMP is configured ({}) but {} and {} are empty: no agent will be asked, and interfaces get "
                    + "no names from SNMP. List the exporters whose agents may be asked.", credentials,
                    SNMP_AGENTS_ALLOWLIST, SNMP_AGENTS_MAP);
        } else if (agents.allowAnyAddress()) {
            log.warn("{} allows every address of a family: any host that can send a flow datagram chooses whom "
                    + "SNMP queries go to{}", SNMP_AGENTS_ALLOWLIST,
                    credentials instanceof CommunityCredentials ? ", with the community in clear text" : "");
        }
        String regex = config.getString(SNMP_ALIAS_REGEX);
        SnmpSettings settings = new SnmpSettings(credentials, agents, config.getInt(SNMP_PORT),
                config.getInt(SNMP_TIMEOUT_MS), config.getInt(SNMP_RETRIES), config.getInt(SNMP_MAX_IN_FLIGHT),
                config.getLong(SNMP_REFRESH_INTERVAL_MS), config.getLong(SNMP_NEGATIVE_TTL_MS),
                config.getInt(SNMP_CACHE_MAX_ENTRIES), regex.isEmpty() ? null : Pattern.compile(regex));
        log.info("InterfaceNames asks SNMP agents: {}", settings);
        try {
            return new SnmpInterfaceCache(settings, counters, System::currentTimeMillis);
        } catch (IOException e) {
            throw new ConnectException("Cannot open a UDP socket for SNMP queries", e);
        }
    }

    static void validateAllowlist(String name, Object value) {
        try {
            AddressBlocks.parse(Normalize.asStrings(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    static void validateAgentMap(String name, Object value) {
        try {
            AgentMap.parse(Normalize.asStrings(value));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    static void validateUser(String name, Object value) {
        String user = value == null ? "" : ((String) value).trim();
        if (user.length() > MAX_USER_LENGTH) {
            throw new ConfigException(name, value, "is longer than " + MAX_USER_LENGTH + " characters");
        }
    }

    static void validateAuth(String name, Object value) {
        try {
            UsmCredentials.Auth.fromConfig((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    static void validatePriv(String name, Object value) {
        try {
            UsmCredentials.Priv.fromConfig((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    /** Length only; the message never repeats the value (a Password prints as [hidden]). */
    static void validatePassphrase(String name, Object value) {
        if (value == null) {
            return;
        }
        String passphrase = ((Password) value).value();
        if (!passphrase.isEmpty() && passphrase.length() < UsmCredentials.MIN_PASSPHRASE_LENGTH) {
            throw new ConfigException(name, value, "is shorter than " + UsmCredentials.MIN_PASSPHRASE_LENGTH
                    + " characters (RFC 3414 11.2)");
        }
    }
}
