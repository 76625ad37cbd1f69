package org.bwnetflow.connect.netflow.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.netflow.decode.DecodedFlow;
import org.bwnetflow.connect.netflow.testing.CodecRun;
import org.bwnetflow.connect.netflow.testing.FlowFields;
import org.bwnetflow.connect.netflow.testing.TestData;
import org.junit.jupiter.api.Test;

/**
 * The codec's tests state what each real exporter's datagram decodes to, by FlowMessage field
 * name ({@link FlowFields}); this test checks that the Structs the source sends carry exactly
 * those values under those names, and that Connect accepts them as if built with validating puts.
 */
class FlowStructMapperTest {

    /** Every shared datagram file, templates first so that the data files decode to flows. */
    private static CodecRun decodeAllTestData() {
        List<Path> files = TestData.allDatagramFiles().stream()
                .sorted(Comparator.comparing((Path p) -> !p.getFileName().toString().contains("tpl"))
                        .thenComparing(Path::toString))
                .toList();
        CodecRun run = new CodecRun();
        for (Path file : files) {
            run.decode(TestData.datagrams(file.getFileName().toString()), CodecRun.NOW);
        }
        return run;
    }

    @Test
    void everyDecodedFlowMapsToAStructWithTheSameFieldValues() {
        CodecRun run = decodeAllTestData();
        assertThat(run.flows).as("flows in testdata/netflow").hasSizeGreaterThan(50);
        for (DecodedFlow flow : run.flows) {
            Struct struct = checked(FlowStructMapper.toStruct(flow));
            for (String name : FlowFields.names()) {
                assertThat(valueOf(struct, name)).as("%s of %s", name, struct).isEqualTo(FlowFields.value(flow, name));
            }
        }
    }

    /** A Struct field as FlowFields states it: addresses and MACs as text, numbers as Long. */
    private static Object valueOf(Struct flow, String field) {
        Object value = flow.get(field);
        if (flow.schema().field(field).schema().type() == Schema.Type.BYTES) {
            return FlowFields.addressText((byte[]) value);
        }
        if (field.endsWith("Mac")) {
            return FlowFields.macText((Long) value);
        }
        if (value instanceof Integer) {
            return Long.valueOf((Integer) value);
        }
        return value;
    }

    /**
     * The mapper fills the Struct's value array without Connect's validation; rebuilt through
     * validating puts it must be accepted and equal.
     */
    private static Struct checked(Struct flow) {
        Struct viaPut = new Struct(flow.schema());
        for (Field field : flow.schema().fields()) {
            Object value = flow.getWithoutDefault(field.name());
            if (value != null) {
                viaPut.put(field, value);
            }
        }
        viaPut.validate();
        assertThat(viaPut).as("mapped Struct rebuilt with puts").isEqualTo(flow);
        return flow;
    }
}
