package org.bwnetflow.connect.netflow.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.Struct;
import org.bwnetflow.connect.netflow.decode.DecoderSettings;
import org.bwnetflow.connect.netflow.decode.StateListener;
import org.bwnetflow.connect.netflow.decode.NetFlowDecoder;
import org.bwnetflow.connect.model.FlowStructMapper;

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
        decoder.decode(datagram, 0, datagram.length, EXPORTER, NOW, flow -> flows.add(FlowStructMapper.toStruct(flow)));
        return this;
    }

    public static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
