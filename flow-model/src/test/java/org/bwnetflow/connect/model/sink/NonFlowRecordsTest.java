package org.bwnetflow.connect.model.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bwnetflow.connect.model.testing.FakeSinkContext;
import org.junit.jupiter.api.Test;

class NonFlowRecordsTest {

    private static final SinkRecord TEXT = new SinkRecord("flows", 3, null, null, Schema.STRING_SCHEMA, "hello", 42);

    @Test
    void withAnErrantRecordReporterTheRecordIsReportedAndCounted() {
        FakeSinkContext context = new FakeSinkContext(true);
        LongAdder reported = new LongAdder();
        new NonFlowRecords("The test sink", context, reported).reject(TEXT, "a String", null);
        assertThat(context.reported()).containsExactly(TEXT);
        assertThat(reported.sum()).isEqualTo(1);
    }

    @Test
    void withoutOneTheTaskFailsNamingTheRecordAndWhy() {
        LongAdder reported = new LongAdder();
        NonFlowRecords rule = new NonFlowRecords("The test sink", new FakeSinkContext(false), reported);
        IllegalStateException cause = new IllegalStateException("not protobuf");
        assertThatThrownBy(() -> rule.reject(TEXT, "a String", cause))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("The test sink cannot use the record at flows-3@42: a String")
                .hasMessageContaining("errors.tolerance=all")
                .hasCause(cause);
        assertThat(reported.sum()).isZero();
    }

    @Test
    void aTaskOutsideAWorkerFailsToo() {
        NonFlowRecords rule = new NonFlowRecords("The test sink", null, new LongAdder());
        assertThatThrownBy(() -> rule.reject(TEXT, "a String", null)).hasMessageContaining("flows-3@42");
    }
}
