package org.bwnetflow.connect.flowctl.csv;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.json.FlowJson;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.WireType;
import org.bwnetflow.connect.reduce.anonymize.AddressAnonymizer;

/**
 * The columns of {@code flowctl csv}: FlowMessage fields by name, plus {@code Duration}
 * (TimeFlowEnd - TimeFlowStart, seconds). Values as {@code flowctl tail --format json} shows
 * them (addresses as text); address columns optionally anonymized.
 */
final class CsvColumns {

    static final String DURATION = "Duration";
    /** bwNetFlow's CSV tool wrote these. */
    static final String DEFAULT = "TimeFlowStart,SrcAddr,DstAddr,SrcPort,DstPort,Proto,Etype,Packets,Bytes";

    private final List<FlowField> fields = new ArrayList<>(); // null entry: Duration
    private final List<String> names = new ArrayList<>();
    private final AddressAnonymizer anonymizer;

    /** @throws IllegalArgumentException naming an unknown column */
    CsvColumns(String columns, AddressAnonymizer anonymizer) {
        this.anonymizer = anonymizer;
        for (String name : columns.split(",")) {
            String trimmed = name.trim();
            if (trimmed.equalsIgnoreCase(DURATION)) {
                fields.add(null);
                names.add(DURATION);
                continue;
            }
            FlowField field = java.util.Arrays.stream(FlowField.all()).filter(f -> f.fieldName().equalsIgnoreCase(trimmed)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown column '" + trimmed + "': use FlowMessage "
                            + "field names (e.g. SrcAddr, Bytes, TimeFlowStart) or " + DURATION));
            fields.add(field);
            names.add(field.fieldName());
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("name at least one column");
        }
    }

    String header() {
        return String.join(",", names);
    }

    String row(Struct flow) {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            FlowField field = fields.get(i);
            if (field == null) {
                line.append(Math.max(0, Flows.number(flow, FlowField.TIME_FLOW_END) - Flows.number(flow,
                        FlowField.TIME_FLOW_START)));
                continue;
            }
            Object value = flow.get(FlowMessageSchema.field(field));
            if (anonymizer != null && field.wireType() == WireType.BYTES && value instanceof byte[] bytes
                    && (bytes.length == 4 || bytes.length == 16)) {
                value = anonymizer.anonymize(bytes);
            }
            line.append(quote(FlowJson.valueText(field, value)));
        }
        return line.toString();
    }

    /** RFC 4180: a value with a comma, quote or line break is quoted, its quotes doubled. */
    static String quote(String value) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
