package org.bwnetflow.connect.ddos.sink.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.bwnetflow.connect.ddos.sink.mitigation.LedgerEntry;
import org.bwnetflow.connect.ddos.sink.mitigation.LedgerStore;

/**
 * The routes held, as {@code route/<key>} records of the state topic. A record that cannot be read stops the
 * task: a route nobody knows about is what the ledger exists to prevent.
 */
public final class TopicLedgerStore implements LedgerStore {

    static final String PREFIX = "route/";

    private final StateTopic topic;
    private final Map<String, byte[]> loaded;

    /** A store over {@code topic}, whose records (read once at the task's start) are {@code loaded}. */
    public TopicLedgerStore(StateTopic topic, Map<String, byte[]> loaded) {
        this.topic = topic;
        this.loaded = loaded;
    }

    @Override
    public Collection<LedgerEntry> load() {
        List<LedgerEntry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> record : loaded.entrySet()) {
            if (record.getKey().startsWith(PREFIX)) {
                try {
                    entries.add(LedgerCodec.decode(record.getKey(), record.getValue()));
                } catch (IllegalArgumentException e) {
                    throw new ConnectException("the state topic " + topic.topic() + " holds a route this task cannot read, "
                            + "so it cannot know what is announced: " + e.getMessage());
                }
            }
        }
        return entries;
    }

    @Override
    public void put(LedgerEntry entry) {
        topic.put(PREFIX + entry.routeKey(), LedgerCodec.encode(entry));
    }

    @Override
    public void remove(String routeKey) {
        topic.delete(PREFIX + routeKey);
    }
}
