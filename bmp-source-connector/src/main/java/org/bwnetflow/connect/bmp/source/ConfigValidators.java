package org.bwnetflow.connect.bmp.source;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.bmp.decode.RibTable;
import org.bwnetflow.connect.model.config.AddressParsing;
import org.bwnetflow.connect.model.transform.DescribedValidator;

/** Validators whose messages tell the operator which value is wrong and why. */
final class ConfigValidators {

    static final ConfigDef.Validator ADDRESS = DescribedValidator.of("an IPv4 or IPv6 address", (name, value) -> {
        try {
            AddressParsing.address((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, value, e.getMessage());
        }
    });

    /** A CIDR list that may not be empty: a door that is closed unless the operator names who may pass. */
    static final ConfigDef.Validator REQUIRED_CIDR_LIST = DescribedValidator.of(
            "required: comma-separated addresses or CIDR blocks", (name, value) -> {
                if (value == null || ((List<?>) value).isEmpty()) {
                    throw new ConfigException(name, value, "is required: the routers' addresses or CIDR blocks that may "
                            + "open a BMP session (or '0.0.0.0/0,::/0' for any, which lets anyone who reaches the port "
                            + "write routes into the RIB topic)");
                }
                for (Object item : (List<?>) value) {
                    try {
                        AddressParsing.block((String) item);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, e.getMessage());
                    }
                }
            });

    static final ConfigDef.Validator TABLES = DescribedValidator.of(
            "comma-separated, at least one of " + Arrays.toString(RibTable.values()), (name, value) -> {
                List<?> tables = (List<?>) value;
                if (tables == null || tables.isEmpty()) {
                    throw new ConfigException(name, value, "names no table: nothing would be published");
                }
                for (Object table : tables) {
                    try {
                        RibTable.valueOf(((String) table).trim().toUpperCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, "'" + table + "' is not one of "
                                + Arrays.toString(RibTable.values()));
                    }
                }
            });

    static final ConfigDef.Validator BOOTSTRAP = DescribedValidator.of("required: host:port[,host:port...]",
            (name, value) -> {
                String text = value == null ? "" : ((String) value).trim();
                if (text.isEmpty()) {
                    throw new ConfigException(name, value, "is required: the Kafka cluster of the RIB topic, read once "
                            + "when a task starts to learn which routes earlier tasks wrote, so that those that are "
                            + "gone get their tombstones");
                }
                for (String server : text.split(",")) {
                    int colon = server.lastIndexOf(':');
                    if (colon <= 0 || !server.substring(colon + 1).trim().matches("\\d{1,5}")) {
                        throw new ConfigException(name, value, "'" + server.trim() + "' is not host:port");
                    }
                }
            });

    private ConfigValidators() {
    }
}
