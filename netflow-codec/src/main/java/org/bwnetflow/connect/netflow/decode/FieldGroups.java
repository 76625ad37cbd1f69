package org.bwnetflow.connect.netflow.decode;

import static org.bwnetflow.connect.netflow.decode.InformationElements.*;

/**
 * Which group of flow fields an IE belongs to. The record reader first switches on the group,
 * then on the IE within it: two jump tables, each small enough to read and to test.
 */
final class FieldGroups {

    static final byte NONE = 0;
    static final byte COUNTER = 1;
    static final byte ADDRESS = 2;
    static final byte TRANSPORT = 3;
    static final byte ROUTING = 4;
    static final byte TIME = 5;
    static final byte LAYER2 = 6;
    static final byte IP = 7;
    static final byte SAMPLING = 8;
    static final byte MPLS = 9;
    static final byte REVERSE = 10;

    private static final int TABLE_SIZE = 512;
    private static final byte[] GROUP = new byte[TABLE_SIZE];

    static {
        group(COUNTER, OCTET_DELTA_COUNT, PACKET_DELTA_COUNT, OCTET_TOTAL_COUNT, PACKET_TOTAL_COUNT,
                POST_OCTET_DELTA_COUNT, POST_PACKET_DELTA_COUNT, INITIATOR_OCTETS, RESPONDER_OCTETS,
                INITIATOR_PACKETS, RESPONDER_PACKETS);
        group(ADDRESS, SOURCE_IPV4_ADDRESS, SOURCE_IPV6_ADDRESS, DESTINATION_IPV4_ADDRESS, DESTINATION_IPV6_ADDRESS,
                IP_NEXT_HOP_IPV4_ADDRESS, IP_NEXT_HOP_IPV6_ADDRESS);
        group(TRANSPORT, PROTOCOL_IDENTIFIER, IP_CLASS_OF_SERVICE, TCP_CONTROL_BITS, SOURCE_TRANSPORT_PORT,
                DESTINATION_TRANSPORT_PORT, SOURCE_IPV4_PREFIX_LENGTH, SOURCE_IPV6_PREFIX_LENGTH,
                DESTINATION_IPV4_PREFIX_LENGTH, DESTINATION_IPV6_PREFIX_LENGTH);
        group(ROUTING, INGRESS_INTERFACE, EGRESS_INTERFACE, BGP_SOURCE_AS_NUMBER, BGP_DESTINATION_AS_NUMBER,
                BGP_NEXT_ADJACENT_AS_NUMBER, INGRESS_VRF_ID, EGRESS_VRF_ID, FLOW_DIRECTION, BIFLOW_DIRECTION,
                FORWARDING_STATUS);
        group(TIME, FLOW_START_SYS_UP_TIME, FLOW_END_SYS_UP_TIME, FLOW_START_SECONDS, FLOW_END_SECONDS,
                FLOW_START_MILLISECONDS, FLOW_END_MILLISECONDS, FLOW_START_MICROSECONDS, FLOW_END_MICROSECONDS,
                FLOW_START_NANOSECONDS, FLOW_END_NANOSECONDS, FLOW_START_DELTA_MICROSECONDS,
                FLOW_END_DELTA_MICROSECONDS, SYSTEM_INIT_TIME_MILLISECONDS);
        group(LAYER2, SOURCE_MAC_ADDRESS, DESTINATION_MAC_ADDRESS, POST_SOURCE_MAC_ADDRESS,
                POST_DESTINATION_MAC_ADDRESS, VLAN_ID, POST_VLAN_ID, DOT1Q_VLAN_ID, ETHERNET_TYPE, IP_VERSION);
        group(IP, ICMP_TYPE_CODE_IPV4, ICMP_TYPE_CODE_IPV6, ICMP_TYPE_IPV4, ICMP_CODE_IPV4, ICMP_TYPE_IPV6,
                ICMP_CODE_IPV6, FRAGMENT_IDENTIFICATION, FRAGMENT_OFFSET, FLOW_LABEL_IPV6, IP_TTL, MINIMUM_TTL);
        group(SAMPLING, SAMPLING_INTERVAL, SAMPLER_RANDOM_INTERVAL, SAMPLING_PACKET_INTERVAL, SAMPLER_ID,
                SELECTOR_ID);
        for (int ie = MPLS_TOP_LABEL_STACK_SECTION; ie <= MPLS_LABEL_STACK_SECTION_10; ie++) {
            GROUP[ie] = MPLS;
        }
    }

    private FieldGroups() {
    }

    private static void group(byte group, int... ies) {
        for (int ie : ies) {
            GROUP[ie] = group;
        }
    }

    /** The group of a template field's code; {@link #NONE} for codes the flow reader ignores. */
    static byte of(int code) {
        if (code >= 0 && code < TABLE_SIZE) {
            return GROUP[code];
        }
        return code >= REVERSE_OFFSET && code < REVERSE_OFFSET + TABLE_SIZE ? REVERSE : NONE;
    }

    /** RFC 5103 reverse IEs the decoder uses: counters, ToS, TCP flags and ICMP type/code. */
    static boolean isReversible(int type) {
        return type == OCTET_DELTA_COUNT || type == PACKET_DELTA_COUNT || type == OCTET_TOTAL_COUNT
                || type == PACKET_TOTAL_COUNT || type == IP_CLASS_OF_SERVICE || type == TCP_CONTROL_BITS
                || type == ICMP_TYPE_CODE_IPV4 || type == ICMP_TYPE_CODE_IPV6;
    }
}
