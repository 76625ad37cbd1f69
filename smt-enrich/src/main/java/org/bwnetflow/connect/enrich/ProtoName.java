package org.bwnetflow.connect.enrich;

import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.PROTO_NAME;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.transform.FlowTransformation;
import org.bwnetflow.connect.model.ProtocolNumbers;
import org.bwnetflow.connect.model.Flows;

/** Names a flow's IP protocol from IANA's protocol-number registry. */
public class ProtoName<R extends ConnectRecord<R>> extends FlowTransformation<R> {

    public static final String OVERVIEW_DOC = "Sets ProtoName from Proto using IANA's full protocol-number registry "
            + "(0-145 and 253-255, e.g. TCP, UDP, ICMP, GRE, ESP, IPv6-ICMP, SCTP). Unassigned numbers (146-252) "
            + "leave ProtoName unset, or get the configured name, and are counted.";

    public static final String NAME_OVERRIDES = "name.overrides";
    public static final String UNASSIGNED_NAME = "unassigned.name";

    public static final ConfigDef CONFIG_DEF = FlowRecordAccess.define(new ConfigDef()
            .define(NAME_OVERRIDES, ConfigDef.Type.LIST, "", DescribedValidator.of("comma-separated number=name pairs",
                    (name, value) -> {
                try {
                    overrides(Normalize.asStrings(value));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }), ConfigDef.Importance.LOW, "Names that replace the registry's, as comma-separated 'number=name' pairs "
                    + "(e.g. 6=tcp,17=udp for lower-case dashboards).")
            .define(UNASSIGNED_NAME, ConfigDef.Type.STRING, "", ConfigDef.Importance.LOW,
                    "ProtoName for protocol numbers the registry does not assign; empty leaves the field unset."));

    private final LongAdder named = metrics.counter("named", "Flows whose protocol was named");
    private final LongAdder unassigned = metrics.counter("unassigned", "Flows with a protocol number IANA does not "
            + "assign (146-252) or above 255");
    private FlowRecordAccess access;
    private String[] names;
    private String unassignedName;

    public ProtoName() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        access = new FlowRecordAccess(ProtoName.class.getSimpleName(), config.getString(FlowRecordAccess.ON_OTHER_RECORDS));
        names = overrides(config.getList(NAME_OVERRIDES));
        String configured = config.getString(UNASSIGNED_NAME);
        unassignedName = configured.isEmpty() ? null : configured;
    }

    /** The registry with the overrides applied. */
    private static String[] overrides(Iterable<String> pairs) {
        String[] table = ProtocolNumbers.table();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq < 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("'" + pair + "' is not of the form number=name");
            }
            int number;
            try {
                number = Integer.parseInt(pair.substring(0, eq).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + pair.substring(0, eq).trim() + "' is not a protocol number");
            }
            if (number < 0 || number > 255) {
                throw new IllegalArgumentException("protocol number " + number + " is not within 0-255");
            }
            table[number] = pair.substring(eq + 1).trim();
        }
        return table;
    }

    @Override
    public R apply(R record) {
        Struct flow = access.flowOf(record);
        if (flow == null) {
            return record;
        }
        long proto = Flows.number(flow, PROTO);
        String name = proto >= 0 && proto < names.length ? names[(int) proto] : null;
        if (name == null) {
            unassigned.increment();
            name = unassignedName;
        } else {
            named.increment();
        }
        Flows.setText(flow, PROTO_NAME, name);
        return record;
    }
}
