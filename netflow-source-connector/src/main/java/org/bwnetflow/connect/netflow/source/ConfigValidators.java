package org.bwnetflow.connect.netflow.source;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.bwnetflow.connect.model.config.AddressParsing;

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

    /** A CIDR list that may not be empty: a door that is closed unless the operator names who may pass. */
    static final ConfigDef.Validator REQUIRED_CIDR_LIST = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || ((List<?>) value).isEmpty()) {
                throw new ConfigException(name, value, "is required: the exporters' addresses or CIDR blocks (or "
                        + "'0.0.0.0/0,::/0' to decode datagrams from any sender, which lets anyone who reaches the port "
                        + "inject templates and flows)");
            }
            CIDR_LIST.ensureValid(name, value);
        }

        @Override
        public String toString() {
            return "required: comma-separated addresses or CIDR blocks";
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
