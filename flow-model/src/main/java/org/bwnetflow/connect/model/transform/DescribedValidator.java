package org.bwnetflow.connect.model.transform;

import org.apache.kafka.common.config.ConfigDef;

/**
 * A validator with words for what it accepts: Connect shows a validator's {@code toString()} as
 * the key's valid values (REST, and the README's generated tables), and a lambda's is its class name.
 */
public final class DescribedValidator implements ConfigDef.Validator {

    private final String description;
    private final ConfigDef.Validator check;

    private DescribedValidator(String description, ConfigDef.Validator check) {
        this.description = description;
        this.check = check;
    }

    public static ConfigDef.Validator of(String description, ConfigDef.Validator check) {
        return new DescribedValidator(description, check);
    }

    @Override
    public void ensureValid(String name, Object value) {
        check.ensureValid(name, value);
    }

    @Override
    public String toString() {
        return description;
    }
}
