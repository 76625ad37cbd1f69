package org.bwnetflow.connect.enrich.interfaces;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecretOctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/** SNMP v2c: the community travels in clear text with every request, so only allowed agents should see it. */
public final class CommunityCredentials implements SnmpCredentials {

    private final SecretOctetString community;

    public CommunityCredentials(String community) {
        // SNMP4J prints a SecretOctetString as a hash: the community stays out of its toString()s.
        this.community = new SecretOctetString(community.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Snmp open() throws IOException {
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv2c());
        return new Snmp(dispatcher, new DefaultUdpTransportMapping());
    }

    @Override
    public Target<UdpAddress> target(UdpAddress agent) {
        CommunityTarget<UdpAddress> target = new CommunityTarget<>(agent, community);
        target.setVersion(SnmpConstants.version2c);
        return target;
    }

    @Override
    public PDU newRequest() {
        PDU pdu = new PDU();
        pdu.setType(PDU.GET);
        return pdu;
    }

    @Override
    public String toString() {
        return "v2c community [hidden]";
    }
}
