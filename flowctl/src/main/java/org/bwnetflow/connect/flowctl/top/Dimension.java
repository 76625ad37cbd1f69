package org.bwnetflow.connect.flowctl.top;

import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_AS;
import static org.bwnetflow.connect.model.FlowField.DST_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.DST_IF_NAME;
import static org.bwnetflow.connect.model.FlowField.FLOW_DIRECTION;
import static org.bwnetflow.connect.model.FlowField.IN_IF;
import static org.bwnetflow.connect.model.FlowField.OUT_IF;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.PROTO_NAME;
import static org.bwnetflow.connect.model.FlowField.REMOTE_COUNTRY;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.SRC_AS;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_DESC;
import static org.bwnetflow.connect.model.FlowField.SRC_IF_NAME;

import java.util.function.Function;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.ProtocolNumbers;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.model.Flows;

/**
 * The ways {@code flowctl top} splits traffic, each with the label a flow counts under.
 * Protocols are named by ProtoName, else by IANA's registry.
 *
 * <p>"Remote" follows the enrichment: RemoteAddr when CustomerId set it, else the border model
 * (an ingress flow comes from the remote side, an egress flow goes to it). The peer is the
 * interface the remote side is reached through: the input interface of ingress flows, the
 * output interface of egress flows, by description, else name, else index.
 */
public enum Dimension {
    IP_VERSION("IP version", flow -> Flows.bytes(flow, SRC_ADDR).length == 16 ? "IPv6" : "IPv4"),
    DIRECTION("Direction", flow -> switch ((int) Flows.number(flow, FLOW_DIRECTION)) {
        case 0 -> "ingress";
        case 1 -> "egress";
        default -> "direction " + Flows.number(flow, FLOW_DIRECTION);
    }),
    PROTOCOL("Protocols", flow -> {
        String name = Flows.text(flow, PROTO_NAME);
        if (!name.isEmpty()) {
            return name;
        }
        String registered = ProtocolNumbers.name(Flows.number(flow, PROTO));
        return registered != null ? registered : "proto " + Flows.number(flow, PROTO);
    }),
    COUNTRY("Remote countries", flow -> {
        String country = Flows.text(flow, REMOTE_COUNTRY);
        return country.isEmpty() ? "unknown" : country;
    }),
    AS("Remote ASes", flow -> "AS" + Flows.number(flow, remoteIsSource(flow) ? SRC_AS : DST_AS)),
    PEER("Peers (interface)", Dimension::peer),
    TALKER("Top talkers (local address)",
        flow -> FlowJson.addressText(Flows.bytes(flow, remoteIsSource(flow) ? DST_ADDR : SRC_ADDR)));

    private final String title;
    private final Function<Struct, String> label;

    Dimension(String title, Function<Struct, String> label) {
        this.title = title;
        this.label = label;
    }

    public String title() {
        return title;
    }

    /** The label this flow counts under. */
    public String labelOf(Struct flow) {
        return label.apply(flow);
    }

    /** The remote side by {@link Flows#remoteSide}; when nothing says, the source (as for ingress). */
    static boolean remoteIsSource(Struct flow) {
        return Flows.remoteSide(flow, Flows.number(flow, FLOW_DIRECTION)) != 2;
    }

    private static String peer(Struct flow) {
        boolean viaInput = remoteIsSource(flow);
        String description = Flows.text(flow, viaInput ? SRC_IF_DESC : DST_IF_DESC);
        if (!description.isEmpty()) {
            return description;
        }
        String name = Flows.text(flow, viaInput ? SRC_IF_NAME : DST_IF_NAME);
        return name.isEmpty() ? "interface " + Flows.number(flow, viaInput ? IN_IF : OUT_IF) : name;
    }
}
