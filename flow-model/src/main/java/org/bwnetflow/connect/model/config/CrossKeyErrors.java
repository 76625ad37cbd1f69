package org.bwnetflow.connect.model.config;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Errors that involve several keys (found by a connector's own checks after the ConfigDef's
 * per-key ones), attached to the keys they concern, so that Connect's REST validate endpoint
 * names each bad key and why.
 */
public final class CrossKeyErrors {

    private CrossKeyErrors() {
    }

    /** Adds each key's messages to that key's ConfigValue in {@code config}; returns {@code config}. */
    public static Config addTo(Config config, Map<String, List<String>> errors) {
        for (ConfigValue value : config.configValues()) {
            errors.getOrDefault(value.name(), List.of()).forEach(value::addErrorMessage);
        }
        return config;
    }
}
