package org.bwnetflow.connect.flowctl.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.AddressText;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;

/**
 * A flow as one JSON object: keys are the FlowMessage field names, addresses and MACs are
 * text, enums are their names, every field is present.
 */
public final class FlowJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final String[] FLOW_TYPES = {"FLOWUNKNOWN", "SFLOW_5", "NETFLOW_V5", "NETFLOW_V9", "IPFIX"};
    private static final String[] NORMALIZED = {"No", "Yes"};
    private static final String[] REMOTE_ADDR = {"Neither", "Src", "Dst"};

    private FlowJson() {
    }

    public static String toJson(Struct flow) {
        StringWriter out = new StringWriter(1024);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (FlowField field : FlowField.all()) {
                json.writeFieldName(field.fieldName());
                writeValue(json, field, flow.get(FlowMessageSchema.field(field)));
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator json, FlowField field, Object value) throws IOException {
        switch (field.wireType()) {
            case BYTES:
                json.writeString(addressText((byte[]) value));
                break;
            case STRING:
                json.writeString((String) value);
                break;
            case BOOL:
                json.writeBoolean((Boolean) value);
                break;
            case ENUM:
                json.writeString(enumName(field, (Integer) value));
                break;
            case UINT32_LIST:
                json.writeStartArray();
                for (Object number : (List<?>) value) {
                    json.writeNumber((Long) number);
                }
                json.writeEndArray();
                break;
            default:
                long number = (Long) value;
                if (field == FlowField.SRC_MAC || field == FlowField.DST_MAC) {
                    json.writeString(macText(number));
                } else if (field.wireType() == org.bwnetflow.connect.model.WireType.UINT64 && number < 0) {
                    json.writeNumber(Long.toUnsignedString(number));
                } else {
                    json.writeNumber(number);
                }
        }
    }

    /** A field's value as text, as the JSON shows it: addresses and MACs as text, enums by name. */
    public static String valueText(FlowField field, Object value) {
        switch (field.wireType()) {
            case BYTES:
                return addressText((byte[]) value);
            case STRING:
                return (String) value;
            case BOOL:
                return String.valueOf(value);
            case ENUM:
                return enumName(field, (Integer) value);
            case UINT32_LIST:
                return listText((List<?>) value);
            default:
                long number = (Long) value;
                if (field == FlowField.SRC_MAC || field == FlowField.DST_MAC) {
                    return macText(number);
                }
                return field.wireType() == org.bwnetflow.connect.model.WireType.UINT64 ? Long.toUnsignedString(number)
                        : Long.toString(number);
        }
    }

    /** AS paths and communities as text: numbers separated by spaces, as routers print an AS path. */
    private static String listText(List<?> values) {
        StringBuilder text = new StringBuilder();
        for (Object value : values) {
            text.append(text.length() == 0 ? "" : " ").append(value);
        }
        return text.toString();
    }

    private static String enumName(FlowField field, int value) {
        String[] names = field == FlowField.TYPE ? FLOW_TYPES : field == FlowField.NORMALIZED ? NORMALIZED : REMOTE_ADDR;
        return value >= 0 && value < names.length ? names[value] : Integer.toString(value);
    }

    /** 4 or 16 bytes as an address ({@link AddressText}: IPv6 canonical, anything else as base64). */
    public static String addressText(byte[] bytes) {
        return AddressText.of(bytes);
    }

    public static String macText(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int shift = 40; shift >= 0; shift -= 8) {
            if (shift != 40) {
                sb.append(':');
            }
            int octet = (int) (mac >>> shift) & 0xFF;
            sb.append(Character.forDigit(octet >> 4, 16)).append(Character.forDigit(octet & 0xF, 16));
        }
        return sb.toString();
    }
}
