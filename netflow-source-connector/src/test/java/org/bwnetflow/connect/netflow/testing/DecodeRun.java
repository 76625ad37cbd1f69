package org.bwnetflow.connect.netflow.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.StateListener;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.netflow.source.FlowStructMapper;

/** Decodes datagrams as if from one exporter and keeps the flows as FlowMessage Structs. */
public final class DecodeRun {

    public static final InetAddress EXPORTER = address("192.0.2.1");
    public static final long NOW = 1_700_000_000_000L;

    public final NetFlowDecoder decoder;
    public final List<Struct> flows = new ArrayList<>();

    public DecodeRun(DecoderSettings settings) {
        this.decoder = new NetFlowDecoder(settings, StateListener.NONE);
    }

    public DecodeRun() {
        this(DecoderSettings.defaults());
    }

    public DecodeRun decode(List<byte[]> datagrams) {
        for (byte[] datagram : datagrams) {
            decode(datagram);
        }
        return this;
    }

    public DecodeRun decode(byte[] datagram) {
        decoder.decode(datagram, 0, datagram.length, EXPORTER, NOW, flow -> flows.add(checked(FlowStructMapper.toStruct(flow))));
        return this;
    }

    /**
     * The mapper fills the Struct's value array without Connect's validation; rebuilt through
     * validating puts it must be accepted and equal, so every decode test checks that too.
     */
    public static Struct checked(Struct flow) {
        Struct viaPut = new Struct(flow.schema());
        for (Field field : flow.schema().fields()) {
            Object value = flow.getWithoutDefault(field.name());
            if (value != null) {
                viaPut.put(field, value);
            }
        }
        viaPut.validate();
        if (!viaPut.equals(flow)) {
            throw new AssertionError("mapped Struct differs from one built with puts: " + flow + " vs " + viaPut);
        }
        return flow;
    }

    public static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
