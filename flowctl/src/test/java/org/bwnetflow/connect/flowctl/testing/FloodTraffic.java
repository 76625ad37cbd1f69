package org.bwnetflow.connect.flowctl.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.flowctl.generate.FlowGenerator;
import org.bwnetflow.connect.flowctl.generate.GeneratedFlow;
import org.bwnetflow.connect.model.FlowField;
import org.bwnetflow.connect.model.FlowMessageSchema;
import org.bwnetflow.connect.model.Flows;

/**
 * Traffic for the DoS detector's tests, second by second: {@code flowctl generate}'s flows at a
 * level that fluctuates (a 20-minute wave of +-25 %, each second between half and one and a half
 * of that, flows ending up to 5 s before they arrive), and optionally a flood from
 * {@link #FLOOD_FROM_OFFSET} for {@link #FLOOD_SECONDS}: UDP to one port of one customer address,
 * every other flow from one dominant source, the rest from many spoofed ones, sampled 1:100.
 */
public final class FloodTraffic {

    public static final String VICTIM = "10.0.3.77"; // a customer address of FlowGenerator's exporter 0
    public static final String DOMINANT_SOURCE = "203.0.113.66";
    public static final int FLOOD_PORT = 53;
    public static final long FLOOD_FROM_OFFSET = 40 * 60;
    public static final long FLOOD_SECONDS = 300;
    public static final int FLOOD_FLOWS_PER_SECOND = 30;
    public static final int SPOOFED_SOURCES = 600;
    public static final long FLOOD_PACKETS = 40;
    public static final long FLOOD_PACKET_SIZE = 1_000;
    public static final long FLOOD_SAMPLING = 100;
    /** The flood's rate once scaled by its sampling. */
    public static final double FLOOD_BPS = FLOOD_FLOWS_PER_SECOND * FLOOD_PACKETS * FLOOD_PACKET_SIZE * FLOOD_SAMPLING * 8.0;

    private static final double FLOWS_PER_SECOND = 15;

    private FloodTraffic() {
    }

    /** Every flow from second {@code from} up to {@code to}, in time order, with the flood if asked. */
    public static void generate(long from, long to, boolean flood, Consumer<Struct> flows) {
        FlowGenerator generator = new FlowGenerator(from, 0);
        SplittableRandom random = new SplittableRandom(from);
        byte[] victim = address(VICTIM);
        byte[] dominant = address(DOMINANT_SOURCE);
        for (long s = from; s < to; s++) {
            double level = FLOWS_PER_SECOND * (1 + 0.25 * Math.sin(2 * Math.PI * (s - from) / 1_200));
            long count = Math.round(level * (0.5 + random.nextDouble()));
            for (long i = 0; i < count; i++) {
                flows.accept(normal(generator.next(), s - random.nextInt(6), s));
            }
            if (flood && s >= from + FLOOD_FROM_OFFSET && s < from + FLOOD_FROM_OFFSET + FLOOD_SECONDS) {
                for (int i = 0; i < FLOOD_FLOWS_PER_SECOND; i++) {
                    int k = random.nextInt(SPOOFED_SOURCES);
                    byte[] source = i % 2 == 0 ? dominant : new byte[] {(byte) 198, 18, (byte) (k >> 8), (byte) k};
                    flows.accept(flow(s, s, source, victim, 17, FLOOD_PORT, FLOOD_PACKETS * FLOOD_PACKET_SIZE,
                            FLOOD_PACKETS, FLOOD_SAMPLING));
                }
            }
        }
    }

    private static Struct normal(GeneratedFlow g, long end, long received) {
        Struct flow = flow(end, received, g.srcAddr(), g.dstAddr(), g.proto(), g.dstPort(), g.bytes(), g.packets(), 1);
        Flows.setNumber(flow, FlowField.SRC_PORT, g.srcPort());
        return flow;
    }

    private static Struct flow(long end, long received, byte[] src, byte[] dst, int proto, int dstPort, long bytes,
                               long packets, long samplingRate) {
        Struct flow = FlowMessageSchema.newFlow();
        Flows.setNumber(flow, FlowField.TIME_FLOW_END, end);
        Flows.setNumber(flow, FlowField.TIME_RECEIVED, received);
        Flows.setBytes(flow, FlowField.SRC_ADDR, src);
        Flows.setBytes(flow, FlowField.DST_ADDR, dst);
        Flows.setNumber(flow, FlowField.PROTO, proto);
        Flows.setNumber(flow, FlowField.DST_PORT, dstPort);
        Flows.setNumber(flow, FlowField.BYTES, bytes);
        Flows.setNumber(flow, FlowField.PACKETS, packets);
        Flows.setNumber(flow, FlowField.SAMPLING_RATE, samplingRate);
        return flow;
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
