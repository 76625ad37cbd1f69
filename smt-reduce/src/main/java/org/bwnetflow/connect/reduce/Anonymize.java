package org.bwnetflow.connect.reduce;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.WireType;
import org.bwnetflow.connect.model.transform.DescribedValidator;
import org.bwnetflow.connect.model.transform.FlowRecordAccess;
import org.bwnetflow.connect.model.transform.FlowTransformation;
import org.bwnetflow.connect.reduce.anonymize.AddressAnonymizer;
import org.bwnetflow.connect.reduce.anonymize.AnonymizationMark;
import org.bwnetflow.connect.reduce.anonymize.CryptoPan;
import org.bwnetflow.connect.reduce.anonymize.CryptoPanKey;
import org.bwnetflow.connect.reduce.anonymize.Truncation;
import org.bwnetflow.connect.reduce.fields.FlowFieldNames;
import org.bwnetflow.connect.reduce.fields.ReducedSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hides the addresses of flows: truncation to a prefix, or Crypto-PAn prefix-preserving pseudonyms.
 *
 * <p>Works on FlowMessage Structs and on reduced ones from {@link ReduceFields} (fields the schema
 * lacks are skipped). Address fields are replaced by new arrays (the old ones may be shared by other
 * flows), in the flow Struct itself, like the enrichment transforms do.
 *
 * <p>Idempotence: truncation is idempotent by nature. Crypto-PAn is not (pseudonymising a pseudonym
 * gives another address), so with {@code cryptopan} every anonymised record gets the header
 * {@value AnonymizationMark#HEADER}, an HMAC tag of its anonymised addresses under the secret, and a
 * record whose tag matches its addresses passes unchanged ({@code skipped-already}). Because the Struct
 * is changed in place, the header is added to the given record's own headers (not to a copy through
 * {@code newRecord}): a retry that applies the transform again to the same record object then sees
 * the mark together with the changed Struct. The tag covers the configured fields present in the
 * record's schema under this transform's key: a second Anonymize with another key or another field list
 * does not recognise it and anonymizes again (counted as {@code mark-invalid}), which is what such a
 * configuration asks for. Records that are not flows get no mark.
 *
 * <p>An instance is not thread-safe (Crypto-PAn's cipher, buffers and cache, the HMAC); Connect gives
 * each task its own transform instances and calls {@code apply} from the task's thread.
 */
public class Anonymize<R extends ConnectRecord<R>> extends FlowTransformation<R> {

    public static final String OVERVIEW_DOC = "Anonymizes the address fields of flows (FlowMessage or reduced by "
            + "ReduceFields): 'truncate' keeps the network prefix (/24 and /64 by default) and zeroes the rest; "
            + "'cryptopan' replaces each address by its Crypto-PAn pseudonym under a secret key (prefix-preserving: "
            + "addresses in one subnet stay in one pseudonymous subnet). Crypto-PAn records get the header '"
            + AnonymizationMark.HEADER + "' so that re-applying the transform leaves them alone. Unset addresses are "
            + "left unset; addresses of a length other than 4 or 16 bytes are left unchanged and counted.";

    public static final String FIELDS = "fields";
    public static final String METHOD = "method";
    public static final String TRUNCATE_IPV4_PREFIX = "truncate.ipv4.prefix";
    public static final String TRUNCATE_IPV6_PREFIX = "truncate.ipv6.prefix";
    public static final String CRYPTOPAN_KEY = "cryptopan.key";

    public static final String METHOD_TRUNCATE = "truncate";
    public static final String METHOD_CRYPTOPAN = "cryptopan";

    /** What ConfigExceptions show instead of the secret. */
    static final String HIDDEN = "[hidden]";

    private static final String ADDRESS_FIELDS = FlowFieldNames.names(Anonymize::isAddress);

    public static final ConfigDef CONFIG_DEF = FlowRecordAccess.define(new ConfigDef()
            .define(FIELDS, ConfigDef.Type.LIST, ADDRESS_FIELDS, DescribedValidator.of(
                    "comma-separated address fields: " + ADDRESS_FIELDS, Anonymize::validateFields),
                    ConfigDef.Importance.HIGH, "The address fields to anonymize (FlowMessage bytes fields: "
                            + ADDRESS_FIELDS + ").")
            .define(METHOD, ConfigDef.Type.STRING, METHOD_TRUNCATE,
                    ConfigDef.CaseInsensitiveValidString.in(METHOD_TRUNCATE, METHOD_CRYPTOPAN), ConfigDef.Importance.HIGH,
                    "'truncate' zeroes the host part of each address beyond the configured prefix lengths; 'cryptopan' "
                            + "replaces each address by its Crypto-PAn pseudonym under " + CRYPTOPAN_KEY + ".")
            .define(TRUNCATE_IPV4_PREFIX, ConfigDef.Type.INT, 24, ConfigDef.Range.between(0, 32),
                    ConfigDef.Importance.MEDIUM, "With method=truncate: the IPv4 prefix length kept, in bits.")
            .define(TRUNCATE_IPV6_PREFIX, ConfigDef.Type.INT, 64, ConfigDef.Range.between(0, 128),
                    ConfigDef.Importance.MEDIUM, "With method=truncate: the IPv6 prefix length kept, in bits.")
            .define(CRYPTOPAN_KEY, ConfigDef.Type.PASSWORD, null, DescribedValidator.of(CryptoPanKey.FORMAT,
                    Anonymize::validateKey), ConfigDef.Importance.HIGH,
                    "With method=cryptopan (and then required, which is checked when the transform starts, not by the "
                            + "validate endpoint): the secret, " + CryptoPanKey.FORMAT + ". The first 16 bytes are the "
                            + "AES key, the last 16 seed the pad. Pseudonyms are stable for as long as the key is; "
                            + "keep it out of the connector config in clear text (use a config provider, e.g. "
                            + "${file:/etc/kafka/connect-secrets/bwnetflow.properties:cryptopan.key})."));

    private static final Logger log = LoggerFactory.getLogger(Anonymize.class);
    private static final byte[] NO_BYTES = new byte[0];

    private final LongAdder anonymized = metrics.counter("anonymized", "Flows whose addresses were anonymized");
    private final LongAdder skipped = metrics.counter("skipped-already", "Flows carrying a valid Crypto-PAn mark, "
            + "left alone (the transform was applied before)");
    private final LongAdder invalidMarks = metrics.counter("mark-invalid", "Flows whose Crypto-PAn mark did not match "
            + "their addresses (forged, another key, or changed since), anonymized and re-marked");
    private final LongAdder unparseable = metrics.counter("unparseable", "Addresses of a length other than 4 or 16 "
            + "bytes, left unchanged");
    private FlowRecordAccess access;
    private FlowField[] fields;
    private AddressAnonymizer anonymizer;
    private AnonymizationMark mark;
    /** The fields to anonymize in the last schema seen that was not ours; null entries where it lacks one. */
    private Schema lastSchema;
    private Field[] lastFields;

    static boolean isAddress(FlowField field) {
        return field.wireType() == WireType.BYTES;
    }

    private static void validateFields(String name, Object value) {
        try {
            if (FlowFieldNames.parse(ReduceFields.asStrings(value), Anonymize::isAddress, "an address field").isEmpty()) {
                throw new IllegalArgumentException("names no field; list at least one of " + ADDRESS_FIELDS);
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    }

    private static void validateKey(String name, Object value) {
        if (value == null) {
            return; // optional here; required with method=cryptopan, which configure() checks
        }
        try {
            CryptoPanKey.parse(((Password) value).value());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, HIDDEN, e.getMessage()); // the message never holds the key either
        }
    }

    public Anonymize() {
        super(CONFIG_DEF);
    }

    @Override
    public void configure(Map<String, ?> props) {
        AbstractConfig config = new AbstractConfig(CONFIG_DEF, props, false);
        access = new FlowRecordAccess(Anonymize.class.getSimpleName(), config.getString(FlowRecordAccess.ON_OTHER_RECORDS));
        EnumSet<FlowField> chosen = FlowFieldNames.parse(config.getList(FIELDS), Anonymize::isAddress, "an address field");
        fields = chosen.toArray(new FlowField[0]);
        String method = config.getString(METHOD).toLowerCase(Locale.ROOT);
        Password key = config.getPassword(CRYPTOPAN_KEY);
        if (METHOD_CRYPTOPAN.equals(method)) {
            if (key == null || key.value() == null || key.value().isBlank()) {
                throw new ConfigException(CRYPTOPAN_KEY, null, "required with " + METHOD + "=" + METHOD_CRYPTOPAN
                        + ": the secret, " + CryptoPanKey.FORMAT);
            }
            byte[] secret = CryptoPanKey.parse(key.value());
            anonymizer = new CryptoPan(secret);
            mark = new AnonymizationMark(secret);
            Arrays.fill(secret, (byte) 0);
            log.info("Anonymize: Crypto-PAn pseudonyms for {}", FlowFieldNames.names(chosen));
        } else {
            int ipv4 = config.getInt(TRUNCATE_IPV4_PREFIX);
            int ipv6 = config.getInt(TRUNCATE_IPV6_PREFIX);
            anonymizer = new Truncation(ipv4, ipv6);
            mark = null;
            if (key != null) {
                log.info("Anonymize: {} is set but {}={}; the key is not used", CRYPTOPAN_KEY, METHOD, method);
            }
            log.info("Anonymize: truncating {} to /{} (IPv4) and /{} (IPv6)", FlowFieldNames.names(chosen), ipv4, ipv6);
        }
    }

    @Override
    public R apply(R record) {
        Object value = record.value();
        if (!(value instanceof Struct) || !ReducedSchemas.isFlowOrReduced(((Struct) value).schema())) {
            access.flowOf(record); // throws unless such records pass
            return record;
        }
        Struct flow = (Struct) value;
        Field[] targets = targets(flow.schema());
        String carried = mark == null ? null : AnonymizationMark.of(record.headers());
        if (carried != null) {
            if (AnonymizationMark.same(tag(flow, targets), carried)) {
                skipped.increment();
                return record;
            }
            invalidMarks.increment();
        }
        boolean ours = flow.schema() == FlowMessageSchema.SCHEMA;
        for (int i = 0; i < fields.length; i++) {
            if (targets[i] != null) {
                anonymizeField(flow, ours, fields[i], targets[i]);
            }
        }
        if (mark != null) {
            // In place, with the Struct changed in place: see the class comment.
            AnonymizationMark.set(record.headers(), tag(flow, targets));
        }
        anonymized.increment();
        return record;
    }

    private void anonymizeField(Struct flow, boolean ours, FlowField field, Field target) {
        byte[] address = bytesOf(flow.get(target));
        if (address.length == 0) {
            return; // unset
        }
        if (address.length != 4 && address.length != 16) {
            unparseable.increment();
            return;
        }
        byte[] hidden = anonymizer.anonymize(address); // a new array: the old one may be shared
        if (ours) {
            Flows.setBytes(flow, field, hidden);
        } else {
            flow.put(target, hidden);
        }
    }

    private String tag(Struct flow, Field[] targets) {
        mark.begin();
        for (Field target : targets) {
            if (target != null) {
                mark.add(bytesOf(flow.get(target)));
            }
        }
        return mark.finish();
    }

    /** The schema's fields for the configured fields, in their order; null where the schema lacks one. */
    private Field[] targets(Schema schema) {
        if (schema != lastSchema) {
            Field[] found = new Field[fields.length];
            boolean flowSchema = FlowMessageSchema.isFlowSchema(schema);
            for (int i = 0; i < fields.length; i++) {
                found[i] = flowSchema ? FlowMessageSchema.field(fields[i]) : schema.field(fields[i].fieldName());
            }
            lastFields = found;
            lastSchema = schema;
        }
        return lastFields;
    }

    /** Connect allows BYTES values as byte[] or ByteBuffer; null reads as unset (one shared empty array: only read). */
    private static byte[] bytesOf(Object value) {
        if (value instanceof byte[]) {
            return (byte[]) value;
        }
        if (value instanceof ByteBuffer) {
            ByteBuffer buffer = ((ByteBuffer) value).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
        return NO_BYTES;
    }

    /** The configured fields, in FlowMessage order (for tests and docs). */
    public List<FlowField> fields() {
        return new ArrayList<>(Arrays.asList(fields));
    }

    @Override
    public void close() {
        anonymizer = null;
        mark = null;
        super.close();
    }
}
