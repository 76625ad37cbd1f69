package org.bwnetflow.connect.ddos.detection.testing;

import static org.bwnetflow.connect.model.FlowField.BYTES;
import static org.bwnetflow.connect.model.FlowField.DST_ADDR;
import static org.bwnetflow.connect.model.FlowField.DST_PORT;
import static org.bwnetflow.connect.model.FlowField.PACKETS;
import static org.bwnetflow.connect.model.FlowField.PROTO;
import static org.bwnetflow.connect.model.FlowField.SAMPLING_RATE;
import static org.bwnetflow.connect.model.FlowField.SRC_ADDR;
import static org.bwnetflow.connect.model.FlowField.TIME_FLOW_END;
import static org.bwnetflow.connect.model.FlowField.TIME_RECEIVED;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.ddos.detection.Alert;
import org.bwnetflow.connect.ddos.detection.DdosDetector;
import org.bwnetflow.connect.ddos.detection.DetectorSettings;
import org.bwnetflow.connect.ddos.detection.HourlyBaseline;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/** Flow Structs for the detector tests (here and flowctl's), and a detector that keeps its alerts. */
public final class DetectorFlows {

    private DetectorFlows() {
    }

    /** An address literal as bytes (no name lookup: literals only). */
    public static byte[] ip(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    /** A flow ending at {@code second}, received then, with its counters as exported at {@code samplingRate}. */
    public static Struct flow(long second, byte[] src, byte[] dst, int proto, int dstPort, long bytes, long packets,
                       long samplingRate) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, TIME_FLOW_END, second);
        Flows.setNumber(flow, TIME_RECEIVED, second);
        Flows.setBytes(flow, SRC_ADDR, src);
        Flows.setBytes(flow, DST_ADDR, dst);
        Flows.setNumber(flow, PROTO, proto);
        Flows.setNumber(flow, DST_PORT, dstPort);
        Flows.setNumber(flow, BYTES, bytes);
        Flows.setNumber(flow, PACKETS, packets);
        Flows.setNumber(flow, SAMPLING_RATE, samplingRate);
        return flow;
    }

    public static DetectorSettings settings(int window, double floorBps, double floorPps, int prefixV4, boolean learnOnly) {
        return new DetectorSettings(window, 3.0, floorBps, floorPps, window, prefixV4, 128, 100_000, learnOnly);
    }

    /** A detector whose alerts are kept in a list. */
    public static final class Run {
        public final List<Alert> alerts = new ArrayList<>();
        public final HourlyBaseline baseline;
        public final DdosDetector detector;

        public Run(DetectorSettings settings, HourlyBaseline baseline) {
            this.baseline = baseline;
            this.detector = new DdosDetector(settings, baseline, alerts::add);
        }

        public Run(DetectorSettings settings) {
            this(settings, new HourlyBaseline(settings.windowSeconds(), ZoneOffset.UTC, settings.maxTargets()));
        }

        public List<String> events() {
            return alerts.stream().map(a -> a.event() + " " + a.target()).toList();
        }
    }
}
