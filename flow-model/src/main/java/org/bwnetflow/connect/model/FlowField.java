package org.bwnetflow.connect.model;

/**
 * Every field of the FlowMessage: protobuf number, name and type, in number order.
 *
 * <p>This table is the single description the Connect schema, the protobuf codec and the
 * JSON output are built from. It mirrors {@code flow_message_enriched.proto}; a test checks
 * that the two agree.
 */
public enum FlowField {
    TYPE(1, "Type", WireType.ENUM, "FlowType: 0 unknown, 1 sFlow 5, 2 NetFlow v5, 3 NetFlow v9, 4 IPFIX"),
    TIME_RECEIVED(2, "TimeReceived", WireType.UINT64, "Unix seconds when the collector received the datagram"),
    SAMPLING_RATE(3, "SamplingRate", WireType.UINT64, "1 of N packets sampled; 0 when unknown"),
    SEQUENCE_NUM(4, "SequenceNum", WireType.UINT32, "Sequence number from the export header"),
    TIME_FLOW_END(5, "TimeFlowEnd", WireType.UINT64, "Unix seconds of the flow's last packet"),
    SRC_ADDR(6, "SrcAddr", WireType.BYTES, "Source address, 4 or 16 bytes"),
    DST_ADDR(7, "DstAddr", WireType.BYTES, "Destination address, 4 or 16 bytes"),
    BYTES(9, "Bytes", WireType.UINT64, "Bytes as exported (before normalisation by the sampling rate)"),
    PACKETS(10, "Packets", WireType.UINT64, "Packets as exported"),
    SAMPLER_ADDRESS(11, "SamplerAddress", WireType.BYTES, "Address of the exporter"),
    NEXT_HOP(12, "NextHop", WireType.BYTES, "Next-hop address"),
    NEXT_HOP_AS(13, "NextHopAS", WireType.UINT32, null),
    SRC_AS(14, "SrcAS", WireType.UINT32, null),
    DST_AS(15, "DstAS", WireType.UINT32, null),
    SRC_NET(16, "SrcNet", WireType.UINT32, "Source prefix length"),
    DST_NET(17, "DstNet", WireType.UINT32, "Destination prefix length"),
    IN_IF(18, "InIf", WireType.UINT32, "Input interface index"),
    OUT_IF(19, "OutIf", WireType.UINT32, "Output interface index"),
    PROTO(20, "Proto", WireType.UINT32, "IP protocol number"),
    SRC_PORT(21, "SrcPort", WireType.UINT32, null),
    DST_PORT(22, "DstPort", WireType.UINT32, null),
    IP_TOS(23, "IPTos", WireType.UINT32, null),
    FORWARDING_STATUS(24, "ForwardingStatus", WireType.UINT32, null),
    IP_TTL(25, "IPTTL", WireType.UINT32, null),
    TCP_FLAGS(26, "TCPFlags", WireType.UINT32, null),
    SRC_MAC(27, "SrcMac", WireType.UINT64, "Source MAC address as a 48-bit number"),
    DST_MAC(28, "DstMac", WireType.UINT64, "Destination MAC address as a 48-bit number"),
    VLAN_ID(29, "VlanId", WireType.UINT32, null),
    ETYPE(30, "Etype", WireType.UINT32, "0x0800 for IPv4, 0x86DD for IPv6"),
    ICMP_TYPE(31, "IcmpType", WireType.UINT32, null),
    ICMP_CODE(32, "IcmpCode", WireType.UINT32, null),
    SRC_VLAN(33, "SrcVlan", WireType.UINT32, null),
    DST_VLAN(34, "DstVlan", WireType.UINT32, null),
    FRAGMENT_ID(35, "FragmentId", WireType.UINT32, null),
    FRAGMENT_OFFSET(36, "FragmentOffset", WireType.UINT32, null),
    IPV6_FLOW_LABEL(37, "IPv6FlowLabel", WireType.UINT32, null),
    TIME_FLOW_START(38, "TimeFlowStart", WireType.UINT64, "Unix seconds of the flow's first packet"),
    INGRESS_VRF_ID(39, "IngressVrfID", WireType.UINT32, null),
    EGRESS_VRF_ID(40, "EgressVrfID", WireType.UINT32, null),
    BI_FLOW_DIRECTION(41, "BiFlowDirection", WireType.UINT32, null),
    FLOW_DIRECTION(42, "FlowDirection", WireType.UINT32, "0 ingress, 1 egress"),
    HAS_MPLS(53, "HasMPLS", WireType.BOOL, null),
    MPLS_COUNT(54, "MPLSCount", WireType.UINT32, null),
    MPLS1_TTL(55, "MPLS1TTL", WireType.UINT32, null),
    MPLS1_LABEL(56, "MPLS1Label", WireType.UINT32, null),
    MPLS2_TTL(57, "MPLS2TTL", WireType.UINT32, null),
    MPLS2_LABEL(58, "MPLS2Label", WireType.UINT32, null),
    MPLS3_TTL(59, "MPLS3TTL", WireType.UINT32, null),
    MPLS3_LABEL(60, "MPLS3Label", WireType.UINT32, null),
    MPLS_LAST_TTL(61, "MPLSLastTTL", WireType.UINT32, null),
    MPLS_LAST_LABEL(62, "MPLSLastLabel", WireType.UINT32, null),
    CID(1000, "Cid", WireType.UINT32, "Customer id"),
    CID_STRING(1001, "CidString", WireType.STRING, null),
    NORMALIZED(1002, "Normalized", WireType.ENUM, "0 No, 1 Yes: Bytes/Packets multiplied by SamplingRate"),
    SRC_IF_NAME(1003, "SrcIfName", WireType.STRING, null),
    SRC_IF_DESC(1004, "SrcIfDesc", WireType.STRING, null),
    SRC_IF_SPEED(1005, "SrcIfSpeed", WireType.UINT32, null),
    DST_IF_NAME(1006, "DstIfName", WireType.STRING, null),
    DST_IF_DESC(1007, "DstIfDesc", WireType.STRING, null),
    DST_IF_SPEED(1008, "DstIfSpeed", WireType.UINT32, null),
    PROTO_NAME(1009, "ProtoName", WireType.STRING, null),
    REMOTE_COUNTRY(1010, "RemoteCountry", WireType.STRING, null),
    REMOTE_ADDR(1011, "RemoteAddr", WireType.ENUM, "0 Neither, 1 Src, 2 Dst"),
    SRC_CID(1012, "SrcCid", WireType.UINT32, null),
    DST_CID(1013, "DstCid", WireType.UINT32, null),
    SRC_COUNTRY(1014, "SrcCountry", WireType.STRING, null),
    DST_COUNTRY(1015, "DstCountry", WireType.STRING, null),
    NOTE(1016, "Note", WireType.STRING, null),
    // From BGP (the Routes transform, issue 25); numbers 11xx are used by neither bwNetFlow (10xx) nor goflow/goflow2.
    DST_AS_PATH(1100, "DstAsPath", WireType.UINT32_LIST, "AS path towards the destination, the neighbour AS first"),
    DST_COMMUNITIES(1101, "DstCommunities", WireType.UINT32_LIST, "BGP communities of the destination's route (AS << 16 | value)"),
    DST_LARGE_COMMUNITIES(1102, "DstLargeCommunities", WireType.UINT32_LIST,
            "BGP large communities of the destination's route, three values each"),
    BGP_NEXT_HOP(1103, "BgpNextHop", WireType.BYTES, "BGP next hop of the destination's route"),
    SRC_AS_PATH(1104, "SrcAsPath", WireType.UINT32_LIST, "AS path towards the source, the neighbour AS first"),
    SRC_COMMUNITIES(1105, "SrcCommunities", WireType.UINT32_LIST, "BGP communities of the source's route"),
    SRC_LARGE_COMMUNITIES(1106, "SrcLargeCommunities", WireType.UINT32_LIST,
            "BGP large communities of the source's route, three values each");

    private static final FlowField[] VALUES = values();
    private static final FlowField[] BY_NUMBER_LOW = new FlowField[64];
    private static final FlowField[] BY_NUMBER_HIGH = new FlowField[128];

    static {
        for (FlowField field : VALUES) {
            if (field.number < BY_NUMBER_LOW.length) {
                BY_NUMBER_LOW[field.number] = field;
            } else {
                BY_NUMBER_HIGH[field.number - 1000] = field;
            }
        }
    }

    private final int number;
    private final String fieldName;
    private final WireType wireType;
    private final String doc;

    FlowField(int number, String fieldName, WireType wireType, String doc) {
        this.number = number;
        this.fieldName = fieldName;
        this.wireType = wireType;
        this.doc = doc;
    }

    /** The protobuf field number. */
    public int number() {
        return number;
    }

    /** The protobuf field name, which is also the Connect field name and the JSON key. */
    public String fieldName() {
        return fieldName;
    }

    public WireType wireType() {
        return wireType;
    }

    public String doc() {
        return doc;
    }

    /** All fields in number order; the index of a field here is its Connect field index. */
    public static FlowField[] all() {
        return VALUES.clone();
    }

    /** The field with this protobuf number, or null for numbers the contract does not define. */
    public static FlowField byNumber(int number) {
        if (number >= 0 && number < BY_NUMBER_LOW.length) {
            return BY_NUMBER_LOW[number];
        }
        int high = number - 1000;
        if (high >= 0 && high < BY_NUMBER_HIGH.length) {
            return BY_NUMBER_HIGH[high];
        }
        return null;
    }
}
