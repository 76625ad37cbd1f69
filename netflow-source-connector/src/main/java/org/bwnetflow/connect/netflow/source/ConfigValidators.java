package org.bwnetflow.connect.netflow.source;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validators whose messages tell the operator which value is wrong and why. */
final class ConfigValidators {

    static final ConfigDef.Validator ADDRESS = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                AddressParsing.address((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "an IPv4 or IPv6 address";
        }
    };

    static final ConfigDef.Validator CIDR_LIST = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object item : (List<?>) value) {
                try {
                    AddressParsing.block((String) item);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated addresses or CIDR blocks";
        }
    };

    static final ConfigDef.Validator SAMPLING_OVERRIDES = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> pairs = (List<String>) value;
            try {
                NetFlowSourceConfig.parseOverrides(pairs);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "comma-separated address=rate pairs";
        }
    };

    private ConfigValidators() {
    }
}
