package org.bwnetflow.connect.netflow.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** What Connect's REST validate endpoint reports for bad export configs: the key and why. */
class NetFlowExportSinkConnectorTest {

    private static Map<String, List<String>> errors(Map<String, String> config) {
        return new NetFlowExportSinkConnector().validate(config).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put("topics", "flows-1000");
        config.put(NetFlowExportSinkConfig.COLLECTORS, "127.0.0.1:9995, [::1]:2055");
        return config;
    }

    @Test
    void aValidConfigHasNoErrors() {
        assertThat(errors(valid())).isEmpty();
        assertThat(new NetFlowExportSinkConfig(valid()).collectors()).hasSize(2);
    }

    @Test
    void badCollectorsAreNamedWithTheReason() {
        Map<String, String> config = valid();
        config.put(NetFlowExportSinkConfig.COLLECTORS, "127.0.0.1:99999");
        assertThat(errors(config).get(NetFlowExportSinkConfig.COLLECTORS)).singleElement().asString()
                .contains("127.0.0.1:99999").contains("1-65535");
        config.put(NetFlowExportSinkConfig.COLLECTORS, "collector-without-port");
        assertThat(errors(config).get(NetFlowExportSinkConfig.COLLECTORS)).singleElement().asString()
                .contains("HOST:PORT");
        config.put(NetFlowExportSinkConfig.COLLECTORS, "");
        assertThat(errors(config)).containsKey(NetFlowExportSinkConfig.COLLECTORS);
    }

    @Test
    void unknownProtocolAndModeAreNamed() {
        Map<String, String> config = valid();
        config.put(NetFlowExportSinkConfig.PROTOCOL, "netflow_v10");
        config.put(NetFlowExportSinkConfig.DOMAIN_MODE, "per-router");
        config.put(NetFlowExportSinkConfig.MAX_DATAGRAM_BYTES, "100");
        Map<String, List<String>> errors = errors(config);
        assertThat(errors.get(NetFlowExportSinkConfig.PROTOCOL)).singleElement().asString().contains("NETFLOW_V9, IPFIX");
        assertThat(errors.get(NetFlowExportSinkConfig.DOMAIN_MODE)).singleElement().asString().contains("EXPORTER");
        assertThat(errors).containsKey(NetFlowExportSinkConfig.MAX_DATAGRAM_BYTES);
    }

    @Test
    void exporterSourceAddressesNeedADomainPerExporter() {
        Map<String, String> config = valid();
        config.put(NetFlowExportSinkConfig.SOURCE_ADDRESS_MODE, "exporter");
        assertThat(errors(config)).isEmpty();
        config.put(NetFlowExportSinkConfig.DOMAIN_MODE, "single");
        assertThat(errors(config).get(NetFlowExportSinkConfig.SOURCE_ADDRESS_MODE)).singleElement().asString()
                .contains("observation.domain.mode=EXPORTER");
    }

    @Test
    void aMaximumBackoffBelowTheFirstIsNamed() {
        Map<String, String> config = valid();
        config.put(NetFlowExportSinkConfig.RETRY_BACKOFF_INITIAL_MS, "5000");
        config.put(NetFlowExportSinkConfig.RETRY_BACKOFF_MAX_MS, "1000");
        assertThat(errors(config).get(NetFlowExportSinkConfig.RETRY_BACKOFF_MAX_MS)).singleElement().asString()
                .contains("retry.backoff.initial.ms=5000");
    }

    @Test
    void lowerCaseNamesAreAccepted() {
        Map<String, String> config = valid();
        config.put(NetFlowExportSinkConfig.PROTOCOL, "ipfix");
        config.put(NetFlowExportSinkConfig.DOMAIN_MODE, "single");
        assertThat(errors(config)).isEmpty();
        assertThat(new NetFlowExportSinkConfig(config).domainMode()).isEqualTo(NetFlowExportSinkConfig.DomainMode.SINGLE);
    }
}
