package org.bwnetflow.connect.bmp.source.session;

import org.bwnetflow.connect.bmp.decode.BgpUpdate;
import org.bwnetflow.connect.bmp.decode.BmpListener;
import org.bwnetflow.connect.bmp.decode.BmpMessageType;
import org.bwnetflow.connect.bmp.decode.BmpStreamDecoder;
import org.bwnetflow.connect.bmp.decode.MalformedBmpException;
import org.bwnetflow.connect.bmp.decode.PeerHeader;
import org.bwnetflow.connect.bmp.decode.PeerUp;
import org.bwnetflow.connect.bmp.source.rib.RibKeeper;
import org.bwnetflow.connect.bmp.source.rib.RouterRib;
import java.util.function.LongSupplier;

/**
 * One router's BMP session: its bytes through a {@link BmpStreamDecoder}, each message counted
 * and its routes handed to the {@link RibKeeper}. Knows nothing of sockets, so tests feed it bytes.
 */
public final class RouterSession implements BmpListener {

    private final RouterRib rib;
    private final RibKeeper keeper;
    private final StationCounters counters;
    private final LongSupplier clock;
    private final BmpStreamDecoder decoder;
    private boolean terminated;
    private String sysName;

    public RouterSession(RouterRib rib, RibKeeper keeper, StationCounters counters, LongSupplier clock,
            int maxMessageBytes, int maxPeers) {
        this.rib = rib;
        this.keeper = keeper;
        this.counters = counters;
        this.clock = clock;
        this.decoder = new BmpStreamDecoder(maxMessageBytes, maxPeers, this);
    }

    /** The next bytes from the router; a {@link MalformedBmpException} means the session must be closed. */
    public void accept(byte[] bytes, int offset, int length) throws MalformedBmpException {
        decoder.accept(bytes, offset, length);
    }

    public RouterRib rib() {
        return rib;
    }

    /** Whether the router sent Termination: the session ends. */
    public boolean terminated() {
        return terminated;
    }

    /** The router's sysName from its Initiation, or its address before that. */
    public String describe() {
        return sysName == null ? rib.name() : rib.name() + " (" + sysName + ")";
    }

    @Override
    public void initiation(String name, String sysDescr) {
        seen(BmpMessageType.INITIATION);
        this.sysName = name;
    }

    @Override
    public void peerUp(PeerUp up) {
        seen(BmpMessageType.PEER_UP);
    }

    @Override
    public void routes(PeerHeader peer, BgpUpdate update) {
        seen(BmpMessageType.ROUTE_MONITORING);
        BgpUpdate received = LocalAsPrepend.undo(peer, decoder.peerUp(peer), update);
        if (received != update) {
            counters.localAsRemoved.add(update.announced().size());
        }
        keeper.routes(rib, peer, received, clock.getAsLong());
    }

    @Override
    public void peerDown(PeerHeader peer, int reason) {
        seen(BmpMessageType.PEER_DOWN);
        keeper.peerDown(rib, peer);
    }

    @Override
    public void statistics(PeerHeader peer) {
        seen(BmpMessageType.STATISTICS_REPORT);
    }

    @Override
    public void termination() {
        seen(BmpMessageType.TERMINATION);
        terminated = true;
    }

    @Override
    public void skipped(int typeCode) {
        keeper.message(rib);
        BmpMessageType type = BmpMessageType.of(typeCode);
        if (type != null) {
            counters.messages(type).increment();
        } else {
            counters.unknownMessages.increment();
        }
    }

    private void seen(BmpMessageType type) {
        keeper.message(rib);
        counters.messages(type).increment();
    }
}
