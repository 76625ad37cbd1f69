package org.bwnetflow.connect.enrich.interfaces;

import java.io.IOException;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.smi.UdpAddress;

/**
 * How SnmpInterfaceCache proves who it is to an agent: a v2c community or an SNMPv3 user.
 * Implementations keep their secrets out of {@code toString()}, and each opens an SNMP session of
 * its own (no SNMP4J singletons), so transforms with different credentials share nothing.
 */
public interface SnmpCredentials {

    /** A session (not yet listening) with the message processing these credentials need. */
    Snmp open() throws IOException;

    /** The target for the agent at this address, without timeout and retries. */
    Target<UdpAddress> target(UdpAddress agent);

    /** An empty GET request of the kind the target needs. */
    PDU newRequest();
}
