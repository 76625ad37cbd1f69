package org.bwnetflow.connect.bmp.decode;

import java.util.ArrayList;
import java.util.List;

/** Writes down what a decoder reports, one line per message. */
public final class RecordingListener implements BmpListener {

    public final List<String> events = new ArrayList<>();

    @Override
    public void initiation(String sysName, String sysDescr) {
        events.add("initiation " + sysName + " " + sysDescr);
    }

    @Override
    public void peerUp(PeerUp up) {
        events.add("up AS" + up.received().asn());
    }

    @Override
    public void routes(PeerHeader peer, BgpUpdate update) {
        events.add(peer.table() + " +" + update.announced() + " -" + update.withdrawn() + " " + update.attributes().asPath());
    }

    @Override
    public void peerDown(PeerHeader peer, int reason) {
        events.add("down " + reason);
    }

    @Override
    public void statistics(PeerHeader peer) {
        events.add("statistics");
    }

    @Override
    public void termination() {
        events.add("termination");
    }

    @Override
    public void skipped(int typeCode) {
        events.add("skipped " + typeCode);
    }
}
