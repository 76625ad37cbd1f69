package org.bwnetflow.connect.reduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.apache.kafka.connect.transforms.Transformation;
import org.junit.jupiter.api.Test;

/** The worker finds the transforms with plugin.discovery=service_load. */
class ServiceFileTest {

    @Test
    @SuppressWarnings("rawtypes")
    void listsBothTransforms() {
        assertThat(ServiceLoader.load(Transformation.class).stream().map(p -> p.type().getName()))
                .contains(ReduceFields.class.getName(), Anonymize.class.getName());
    }
}
