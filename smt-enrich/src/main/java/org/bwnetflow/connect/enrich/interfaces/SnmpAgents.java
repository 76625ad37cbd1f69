package org.bwnetflow.connect.enrich.interfaces;

/**
 * Which SNMP agent, if any, may be asked about an exporter's interfaces. The exporter address a
 * flow carries comes from outside: for sFlow it is written inside the datagram by whoever sent it.
 * So the operator decides: an exporter in the map is asked at its mapped agent address, an exporter
 * in the allowlist at its own address, and any other is never asked. Both empty: nobody is asked.
 * {@link #agentFor} allocates nothing (it runs for every flow that misses the SNMP cache).
 */
public final class SnmpAgents {

    private final AddressBlocks allowlist;
    private final AgentMap map;

    public SnmpAgents(AddressBlocks allowlist, AgentMap map) {
        this.allowlist = allowlist;
        this.map = map;
    }

    /** The address to send the exporter's SNMP queries to, or null: not to be asked. */
    public byte[] agentFor(byte[] exporter) {
        byte[] mapped = map.agentFor(exporter);
        if (mapped != null) {
            return mapped;
        }
        return allowlist.contains(exporter) ? exporter : null;
    }

    /** Whether no agent at all may be asked. */
    public boolean allowNone() {
        return allowlist.isEmpty() && map.isEmpty();
    }

    /** Whether the allowlist lets every address of a family be asked (then any flow's sender chooses). */
    public boolean allowAnyAddress() {
        return allowlist.coversAFamily();
    }

    @Override
    public String toString() {
        return "SnmpAgents{allowlist=" + allowlist + ", map=" + map + "}";
    }
}
