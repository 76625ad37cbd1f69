package org.bwnetflow.connect.netflow.decode;

/**
 * The field type numbers the decoder understands. NetFlow v9 (RFC 3954) field types 1-127
 * and IPFIX information elements (IANA registry) share their numbers, so one table serves
 * both protocols; v9's option scope types live in a separate space, see {@link #V9_SCOPE_OFFSET}.
 */
final class InformationElements {

    static final int OCTET_DELTA_COUNT = 1;
    static final int PACKET_DELTA_COUNT = 2;
    static final int PROTOCOL_IDENTIFIER = 4;
    static final int IP_CLASS_OF_SERVICE = 5;
    static final int TCP_CONTROL_BITS = 6;
    static final int SOURCE_TRANSPORT_PORT = 7;
    static final int SOURCE_IPV4_ADDRESS = 8;
    static final int SOURCE_IPV4_PREFIX_LENGTH = 9;
    static final int INGRESS_INTERFACE = 10;
    static final int DESTINATION_TRANSPORT_PORT = 11;
    static final int DESTINATION_IPV4_ADDRESS = 12;
    static final int DESTINATION_IPV4_PREFIX_LENGTH = 13;
    static final int EGRESS_INTERFACE = 14;
    static final int IP_NEXT_HOP_IPV4_ADDRESS = 15;
    static final int BGP_SOURCE_AS_NUMBER = 16;
    static final int BGP_DESTINATION_AS_NUMBER = 17;
    static final int FLOW_END_SYS_UP_TIME = 21;
    static final int FLOW_START_SYS_UP_TIME = 22;
    static final int POST_OCTET_DELTA_COUNT = 23;
    static final int POST_PACKET_DELTA_COUNT = 24;
    static final int SOURCE_IPV6_ADDRESS = 27;
    static final int DESTINATION_IPV6_ADDRESS = 28;
    static final int SOURCE_IPV6_PREFIX_LENGTH = 29;
    static final int DESTINATION_IPV6_PREFIX_LENGTH = 30;
    static final int FLOW_LABEL_IPV6 = 31;
    static final int ICMP_TYPE_CODE_IPV4 = 32;
    static final int SAMPLING_INTERVAL = 34;
    static final int SAMPLER_ID = 48;
    static final int SAMPLER_RANDOM_INTERVAL = 50;
    static final int MINIMUM_TTL = 52;
    static final int FRAGMENT_IDENTIFICATION = 54;
    static final int SOURCE_MAC_ADDRESS = 56;
    static final int POST_DESTINATION_MAC_ADDRESS = 57;
    static final int VLAN_ID = 58;
    static final int POST_VLAN_ID = 59;
    static final int IP_VERSION = 60;
    static final int FLOW_DIRECTION = 61;
    static final int IP_NEXT_HOP_IPV6_ADDRESS = 62;
    static final int MPLS_TOP_LABEL_STACK_SECTION = 70;
    static final int MPLS_LABEL_STACK_SECTION_10 = 79;
    static final int DESTINATION_MAC_ADDRESS = 80;
    static final int POST_SOURCE_MAC_ADDRESS = 81;
    static final int INTERFACE_NAME = 82;
    static final int INTERFACE_DESCRIPTION = 83;
    static final int OCTET_TOTAL_COUNT = 85;
    static final int PACKET_TOTAL_COUNT = 86;
    static final int FRAGMENT_OFFSET = 88;
    static final int FORWARDING_STATUS = 89;
    static final int BGP_NEXT_ADJACENT_AS_NUMBER = 128;
    static final int ICMP_TYPE_CODE_IPV6 = 139;
    static final int FLOW_START_SECONDS = 150;
    static final int FLOW_END_SECONDS = 151;
    static final int FLOW_START_MILLISECONDS = 152;
    static final int FLOW_END_MILLISECONDS = 153;
    static final int FLOW_START_MICROSECONDS = 154;
    static final int FLOW_END_MICROSECONDS = 155;
    static final int FLOW_START_NANOSECONDS = 156;
    static final int FLOW_END_NANOSECONDS = 157;
    static final int FLOW_START_DELTA_MICROSECONDS = 158;
    static final int FLOW_END_DELTA_MICROSECONDS = 159;
    static final int SYSTEM_INIT_TIME_MILLISECONDS = 160;
    static final int ICMP_TYPE_IPV4 = 176;
    static final int ICMP_CODE_IPV4 = 177;
    static final int ICMP_TYPE_IPV6 = 178;
    static final int ICMP_CODE_IPV6 = 179;
    static final int IP_TTL = 192;
    static final int INGRESS_VRF_ID = 234;
    static final int EGRESS_VRF_ID = 235;
    static final int INITIATOR_OCTETS = 231;
    static final int RESPONDER_OCTETS = 232;
    static final int BIFLOW_DIRECTION = 239;
    static final int DOT1Q_VLAN_ID = 243;
    static final int ETHERNET_TYPE = 256;
    static final int INITIATOR_PACKETS = 298;
    static final int RESPONDER_PACKETS = 299;
    static final int SELECTOR_ID = 302;
    static final int SAMPLING_PACKET_INTERVAL = 305;
    static final int SAMPLING_PACKET_SPACE = 306;

    /** Field code for anything the decoder skips: enterprise fields and unknown types. */
    static final int SKIP = -1;

    /** RFC 5103: the reverse direction of a biflow record uses the forward IE number under this PEN. */
    static final long REVERSE_PEN = 29305;
    /** Field codes of reverse IEs are this plus the forward IE number. */
    static final int REVERSE_OFFSET = 0x20000;

    /**
     * NetFlow v9 option scope types (1 System, 2 Interface, 3 Line card, 4 Cache, 5 Template)
     * are not field types; templates store them as this offset plus the scope type.
     */
    static final int V9_SCOPE_OFFSET = 0x10000;
    static final int V9_SCOPE_INTERFACE = V9_SCOPE_OFFSET + 2;

    /** Length that marks an IPFIX variable-length field (RFC 7011 section 7). */
    static final int VARIABLE_LENGTH = 65535;

    private InformationElements() {
    }

    /** The decoder's code for a template field: the IE number, a reverse IE, or {@link #SKIP}. */
    static int code(int type, long enterprise) {
        if (enterprise == 0) {
            return type;
        }
        if (enterprise == REVERSE_PEN && FieldGroups.isReversible(type)) {
            return REVERSE_OFFSET + type;
        }
        return SKIP;
    }
}
