package org.bwnetflow.connect.flowctl.ddos;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The JSON of alerts and baseline files: rates as plain decimals (no 1.5E8), rounded to what means something. */
final class DdosJson {

    static final ObjectMapper MAPPER = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private DdosJson() {
    }

    /** A rate rounded to {@code decimals} places, trailing zeros dropped. */
    static BigDecimal decimal(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
