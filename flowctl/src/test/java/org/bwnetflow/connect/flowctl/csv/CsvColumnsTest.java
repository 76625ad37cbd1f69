package org.bwnetflow.connect.flowctl.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.Flows;
import org.bwnetflow.connect.model.testing.TestFlows;
import org.bwnetflow.connect.reduce.anonymize.CryptoPan;
import org.bwnetflow.connect.reduce.anonymize.CryptoPanKey;
import org.junit.jupiter.api.Test;

class CsvColumnsTest {

    private static Struct flow() {
        Struct flow = TestFlows.flow("192.0.2.10", "2001:db8::80");
        Flows.setNumber(flow, FlowField.TIME_FLOW_START, 1_795_000_000L);
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, 1_795_000_042L);
        Flows.setNumber(flow, FlowField.BYTES, 1500);
        Flows.setNumber(flow, FlowField.PROTO, 6);
        Flows.setText(flow, FlowField.SRC_IF_DESC, "uplink, \"core\"");
        return flow;
    }

    @Test
    void theDefaultColumnsAreBwNetFlows() {
        CsvColumns columns = new CsvColumns(CsvColumns.DEFAULT, null);
        assertThat(columns.header()).isEqualTo("TimeFlowStart,SrcAddr,DstAddr,SrcPort,DstPort,Proto,Etype,Packets,Bytes");
        assertThat(columns.row(flow())).isEqualTo("1795000000,192.0.2.10,2001:db8::80,0,0,6,0,0,1500");
    }

    @Test
    void durationAndTextColumnsWithQuoting() {
        CsvColumns columns = new CsvColumns("srcaddr, Duration ,SrcIfDesc", null);
        assertThat(columns.header()).isEqualTo("SrcAddr,Duration,SrcIfDesc");
        assertThat(columns.row(flow())).isEqualTo("192.0.2.10,42,\"uplink, \"\"core\"\"\"");
    }

    @Test
    void addressColumnsAreAnonymizedAsTheTransformDoes() {
        byte[] key = new byte[CryptoPanKey.LENGTH];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 1);
        }
        CryptoPan cryptoPan = new CryptoPan(key.clone(), 0);
        CsvColumns columns = new CsvColumns("SrcAddr,DstAddr,Bytes", new CryptoPan(key.clone()));
        String expectedSrc = org.bwnetflow.connect.flowctl.json.FlowJson.addressText(
                cryptoPan.anonymize(TestFlows.address("192.0.2.10")));
        String expectedDst = org.bwnetflow.connect.flowctl.json.FlowJson.addressText(
                cryptoPan.anonymize(TestFlows.address("2001:db8::80")));
        assertThat(columns.row(flow())).isEqualTo(expectedSrc + "," + expectedDst + ",1500");
        assertThat(expectedSrc).isNotEqualTo("192.0.2.10");
    }

    @Test
    void anUnknownColumnIsNamed() {
        assertThatThrownBy(() -> new CsvColumns("SrcAddr,Bogus", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Bogus'");
    }
}
