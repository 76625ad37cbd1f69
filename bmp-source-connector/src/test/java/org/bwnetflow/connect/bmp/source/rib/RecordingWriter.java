package org.bwnetflow.connect.bmp.source.rib;

import java.util.ArrayList;
import java.util.List;
import org.bwnetflow.connect.bmp.rib.Route;
import org.bwnetflow.connect.bmp.rib.RouteKey;

/** Writes down what the RIB wrote, one line per record: "+ key" for a route, "- key CAUSE" for a tombstone. */
public final class RecordingWriter implements RibWriter {

    public final List<String> lines = new ArrayList<>();
    public final List<Route> routes = new ArrayList<>();
    public final List<Long> offsets = new ArrayList<>();

    @Override
    public void announce(RouterRib router, RouteKey key, Route route) {
        lines.add("+ " + key);
        routes.add(route);
        offsets.add(router.messages());
    }

    @Override
    public void tombstone(RouterRib router, RouteKey key, TombstoneCause cause) {
        lines.add("- " + key + " " + cause);
        offsets.add(router.messages());
    }

    /** The lines written since the last call, and forgets them. */
    public List<String> take() {
        List<String> taken = List.copyOf(lines);
        lines.clear();
        return taken;
    }
}
